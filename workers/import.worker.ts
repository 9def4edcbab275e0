// Worker entry for dataset files in and out: unzipping, decoding and checking images, thumbnails,
// hashes, manifest parsing and mask decoding on import; colour masks and the zip on export.
import { exposeWorker } from './exposeWorker';
import { buildDatasetZip } from './export/datasetZip';
import { prepareImport } from './import/prepareImport';
import { readArchive } from './import/unzip';

const importWorkerApi = { prepareImport, readArchive, buildDatasetZip };

export type ImportWorkerApi = typeof importWorkerApi;
exposeWorker(importWorkerApi);
