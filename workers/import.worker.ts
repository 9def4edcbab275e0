// Worker entry for dataset files in and out: unzipping, decoding and checking images, thumbnails,
// hashes, manifest parsing and mask decoding on import; colour masks and the zip on export; model
// packages read and checked before they are stored.
import { exposeWorker } from './exposeWorker';
import { buildDatasetZip } from './export/datasetZip';
import { readModelPackage } from './import/modelPackage';
import { prepareImport } from './import/prepareImport';
import { readArchive } from './import/unzip';

const importWorkerApi = { prepareImport, readArchive, readModelPackage, buildDatasetZip };

export type ImportWorkerApi = typeof importWorkerApi;
exposeWorker(importWorkerApi);
