// Worker entry: everything heavy about an import happens here, off the main thread — unzipping,
// decoding and checking images, thumbnails, hashes, manifest parsing and mask decoding.
import { expose } from 'comlink';
import { prepareImport } from './import/prepareImport';
import { readArchive } from './import/unzip';

const importWorkerApi = { prepareImport, readArchive };

export type ImportWorkerApi = typeof importWorkerApi;
expose(importWorkerApi);
