// Importing a picked model package file (spec §9 item 4): the import worker reads and checks it (sizes
// before inflating, model.json, checksum, graph), so neither unpacking nor decoding ever blocks the page;
// then it is stored as the project's next version, or refused with the reason and nothing stored.
import { importWorker } from '../app/workers';
import type { ModelVersion } from '../domain/types';
import { openSpotcheckDb } from '../storage/db';
import { importModelVersion } from '../storage/modelPackages';

export async function importModelPackageFile(projectId: string, file: File): Promise<ModelVersion> {
  const modelPackage = await importWorker.run((api) => api.readModelPackage(file, file.name));
  return importModelVersion(await openSpotcheckDb(), projectId, file.name, modelPackage);
}
