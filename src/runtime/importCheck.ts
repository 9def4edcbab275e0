// The step after a model package import (spec §9 item 4): the imported model, not yet started, is run in
// the detection worker on the package's test images found in this project, and its scores and verdicts are
// compared with the package's evaluation. The outcome is kept on the version; a mismatch refuses its start
// (src/runtime/modelHosting.ts), no test image here is said and the start allowed. A project bundle's
// trained versions are checked the same way, through the package each would export.
import { detectionWorker, importWorker } from '../app/workers';
import { compareTestResults } from '../domain/evaluation/importCheck';
import type { ModelPackage } from '../domain/modelPackage';
import type { ModelVersion } from '../domain/types';
import { listTrainedModels } from '../storage/modelFiles';
import { exportModelPackage, readImportCheckImages, recordImportCheck } from '../storage/modelPackages';
import type { SpotcheckDatabase } from '../storage/schema';

export async function checkImportedModel(db: SpotcheckDatabase, version: ModelVersion, modelPackage: ModelPackage): Promise<ModelVersion> {
  if (!modelPackage.testResults?.length) return recordImportCheck(db, version.id, { skipped: 'noTestResults' });
  const matched = await readImportCheckImages(db, version.projectId, modelPackage.testResults);
  if (matched.length === 0) return recordImportCheck(db, version.id, { skipped: 'noTestImages' });
  const images = matched.map(({ image }) => image);
  // A model that cannot even be loaded here judged none of its test images: every one is a mismatch.
  const scores = await detectionWorker.run((api) => api.scoreTestImages(modelPackage.model, modelPackage.metadata, images)).catch(() => images.map(() => null));
  const expected = matched.map(({ expected: result }) => result);
  return recordImportCheck(db, version.id, compareTestResults(expected, scores, new Date().toISOString()));
}

/**
 * After a project bundle import: every trained version of the project that carries its test results is
 * re-run on them here, as its package would be; one without (itself imported from a package) keeps its check.
 */
export async function checkImportedProjectModels(db: SpotcheckDatabase, projectId: string): Promise<void> {
  for (const { version } of await listTrainedModels(db)) {
    if (version.projectId !== projectId) continue;
    const { fileName, bytes } = await exportModelPackage(db, version.id);
    const modelPackage = await importWorker.run((api) => api.readModelPackage(new Blob([bytes as Uint8Array<ArrayBuffer>]), fileName));
    if (modelPackage.testResults?.length) await checkImportedModel(db, version, modelPackage);
  }
}
