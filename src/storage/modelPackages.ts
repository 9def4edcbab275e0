// Model packages (spec §9 item 4) in and out of storage: the package of a stored version for export,
// and importing one into a project — checked against the project's image size and anomaly labels inside
// the same transaction that writes it, stored as the next version with status TRAINED, all or nothing.
import type { IDBPDatabase } from 'idb';
import { UserFacingError } from '../domain/errors';
import { buildModelPackage, checkPackageFitsProject, modelPackageFileName, type ModelPackage } from '../domain/modelPackage';
import { normalizeModelTags } from '../domain/modelTags';
import type { ModelVersion } from '../domain/types';
import { i18n } from '../i18n';
import type { ImportCheck, PackagedTestResult } from '../contracts/importCheck';
import type { ModelMetadata } from '../contracts/modelMetadata';
import { readTestResults } from './modelEvaluation';
import { readImageBlob } from './blobs';
import { matchTestImages } from '../domain/evaluation/importCheck';
import { modelArtifactId, modelArtifactNames, readModelFile } from './modelFiles';
import type { SpotcheckDB } from './schema';
import { issueAll, writeTransaction } from './transaction';

/** The zip of a trained version, named `<project>-model-<N>.zip`; its threshold is the one in effect now. */
export async function exportModelPackage(
  db: IDBPDatabase<SpotcheckDB>,
  modelVersionId: string,
  exportedAt = new Date().toISOString(),
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const version = await db.get('modelVersions', modelVersionId);
  if (!version) throw new UserFacingError('model.notFound');
  const [project, files] = await Promise.all([db.get('projects', version.projectId), readModelFile(db, modelVersionId)]);
  if (!project) throw new UserFacingError('project.notFound');
  if (!files) throw new UserFacingError('modelPackage.notTrained', { version: version.version });
  return {
    fileName: modelPackageFileName(project.name, version.version),
    bytes: buildModelPackage(files.modelBytes, files.metadata, version, project.name, exportedAt, await packagedTestResults(db, version)),
  };
}

/** The version's test results by image name and content hash, which an importing device re-runs; images removed since are left out. */
async function packagedTestResults(db: IDBPDatabase<SpotcheckDB>, version: ModelVersion): Promise<PackagedTestResult[]> {
  const results = await readTestResults(db, version);
  const entries = await Promise.all(results.map((result) => db.get('entries', result.entryId)));
  return results.flatMap(({ prediction }, index) => {
    const entry = entries[index];
    if (!entry) return [];
    const { score, threshold, isAnomalous } = prediction;
    return [{ file: entry.sourceRef, ...(entry.contentHash ? { contentHash: entry.contentHash } : {}), score, threshold, isAnomalous }];
  });
}

/** Keeps the outcome of an imported version's re-run on its test images; a mismatch refuses its start. */
export async function recordImportCheck(db: IDBPDatabase<SpotcheckDB>, modelVersionId: string, importCheck: ImportCheck): Promise<ModelVersion> {
  return writeTransaction(db, ['modelVersions'], async (transaction) => {
    const store = transaction.objectStore('modelVersions');
    const version = await store.get(modelVersionId);
    if (!version) throw new UserFacingError('model.notFound');
    const checked = { ...version, importCheck };
    await store.put(checked);
    return checked;
  });
}

/**
 * Stores a package read and checked by the import worker (`readModelPackage`) as the project's next
 * version, or refuses it. A project without images yet takes the model's size as its project size, so the images added later
 * fit the model. The stored metadata keeps the trained threshold; the package's threshold becomes the
 * version's threshold in effect.
 */
export async function importModelVersion(db: IDBPDatabase<SpotcheckDB>, projectId: string, file: string, modelPackage: ModelPackage): Promise<ModelVersion> {
  const { trainedThreshold, source, ...packaged } = modelPackage.metadata;
  const metadata: ModelMetadata = { ...packaged, threshold: trainedThreshold };
  const stores = ['projects', 'anomalyLabels', 'modelVersions', 'modelArtifacts'] as const;
  return writeTransaction(db, stores, async (transaction) => {
    const projects = transaction.objectStore('projects');
    const [project, labels, existing] = await Promise.all([
      projects.get(projectId),
      transaction.objectStore('anomalyLabels').index('by-project').getAll(projectId),
      transaction.objectStore('modelVersions').index('by-project').getAll(projectId),
    ]);
    if (!project) throw new UserFacingError('project.notFound');
    checkPackageFitsProject(file, metadata, project, labels);
    const version: ModelVersion = {
      id: crypto.randomUUID(),
      projectId,
      version: existing.reduce((highest, candidate) => Math.max(highest, candidate.version), 0) + 1,
      status: 'TRAINED',
      statusMessage: i18n.t('modelPackage.importedFrom', { ns: 'errors', file, project: source.projectName, version: source.modelVersion }),
      createdAt: new Date().toISOString(),
      description: source.description,
      tags: normalizeModelTags(source.tags),
      modelType: metadata.modelType,
      ...(source.performance ? { performance: source.performance } : {}),
      anomalyThreshold: modelPackage.metadata.threshold,
      trainedAnomalyThreshold: trainedThreshold,
      backbone: metadata.backbone,
    };
    const artifacts = transaction.objectStore('modelArtifacts');
    const files = [
      { name: modelArtifactNames.model, blob: new Blob([modelPackage.model], { type: 'application/octet-stream' }) },
      { name: modelArtifactNames.metadata, blob: new Blob([JSON.stringify(metadata)], { type: 'application/json' }) },
    ];
    await issueAll([
      ...(project.imageSize ? [] : [() => projects.put({ ...project, imageSize: { ...metadata.inputSize } })]),
      ...files.map(
        ({ name, blob }) =>
          () =>
            artifacts.put({ id: modelArtifactId(version.id, name), modelVersionId: version.id, name, blob }),
      ),
      () => transaction.objectStore('modelVersions').add(version),
    ]);
    return version;
  });
}

/** This project's images of the package's test results (by content hash, else by name); empty when none is here. */
export async function readImportCheckImages(
  db: IDBPDatabase<SpotcheckDB>,
  projectId: string,
  expected: readonly PackagedTestResult[],
): Promise<{ expected: PackagedTestResult; image: Blob }[]> {
  const matched = matchTestImages(expected, await db.getAllFromIndex('entries', 'by-project', projectId));
  const images = await Promise.all(matched.map(({ entry }) => readImageBlob(db, entry.imageId, false)));
  return matched.flatMap(({ expected: result }, index) => (images[index] ? [{ expected: result, image: images[index] }] : []));
}
