// Importing a picked model package file (spec §9 item 4): the import worker reads and checks it (sizes
// before inflating, model.json, checksum, graph), so neither unpacking nor decoding ever blocks the page;
// then it is stored as the project's next version, or refused with the reason and nothing stored; a stored
// one is then run on its test images and compared with its evaluation (src/runtime/importCheck.ts).
import { importWorker } from '../app/workers';
import type { ModelVersion } from '../domain/types';
import { openSpotcheckDb } from '../storage/db';
import { importModelVersion } from '../storage/modelPackages';
import { checkImportedModel } from '../runtime/importCheck';

export async function importModelPackageFile(projectId: string, file: File): Promise<ModelVersion> {
  const modelPackage = await importWorker.run((api) => api.readModelPackage(file, file.name));
  const db = await openSpotcheckDb();
  return checkImportedModel(db, await importModelVersion(db, projectId, file.name, modelPackage), modelPackage);
}
