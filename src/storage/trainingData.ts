// Everything a training run reads, in one read transaction: the TRAINING version, its project, the
// labelled entries of the training (and test) dataset with their image and mask Blobs, and the labels.
import type { IDBPDatabase } from 'idb';
import { UserFacingError } from '../domain/errors';
import { assertTransition } from '../domain/modelVersionStatus';
import type { AnomalyLabel, DatasetEntry, ModelVersion, Project } from '../domain/types';
import { wholeDatasetRange } from './datasets';
import type { SpotcheckDB } from './schema';

export interface StoredTrainingEntry {
  entry: DatasetEntry;
  image: Blob;
  /** 8-bit label-index PNG, or null. */
  mask: Blob | null;
}

export interface TrainingData {
  version: ModelVersion;
  project: Project;
  train: StoredTrainingEntry[];
  /** Present when the project has a separate test dataset (spec §1.1). */
  test: StoredTrainingEntry[] | null;
  /** Ordered by mask index. */
  labels: AnomalyLabel[];
}

export async function readTrainingData(db: IDBPDatabase<SpotcheckDB>, modelVersionId: string): Promise<TrainingData> {
  const transaction = db.transaction(['modelVersions', 'projects', 'datasets', 'entries', 'images', 'masks', 'anomalyLabels']);
  const version = await transaction.objectStore('modelVersions').get(modelVersionId);
  if (!version) throw new UserFacingError('model.notFound');
  // Only a version still TRAINING may receive a model (not one cancelled or failed meanwhile).
  assertTransition(version.version, version.status, 'TRAINED');
  const [project, datasets, labels] = await Promise.all([
    transaction.objectStore('projects').get(version.projectId),
    transaction.objectStore('datasets').index('by-project').getAll(version.projectId),
    transaction.objectStore('anomalyLabels').index('by-project').getAll(version.projectId),
  ]);
  if (!project) throw new UserFacingError('project.notFound');
  const missing: string[] = [];
  const read = async (type: 'train' | 'test'): Promise<StoredTrainingEntry[] | null> => {
    const dataset = datasets.find((candidate) => candidate.type === type);
    if (!dataset) return null;
    const entries = (await transaction.objectStore('entries').index('by-dataset-sourceRef').getAll(wholeDatasetRange(dataset.id))).filter(
      (entry) => entry.classification !== null,
    );
    return Promise.all(
      entries.map(async (entry) => {
        const [image, mask] = await Promise.all([
          transaction.objectStore('images').get(entry.imageId),
          entry.maskId === null ? undefined : transaction.objectStore('masks').get(entry.maskId),
        ]);
        if (!image || (entry.maskId !== null && !mask)) missing.push(entry.sourceRef);
        return { entry, image: image?.blob ?? new Blob(), mask: mask?.blob ?? null };
      }),
    );
  };
  const train = await read('train');
  const test = await read('test');
  if (!train) throw new UserFacingError('import:readiness.noTrainingDataset');
  if (missing.length > 0) throw new UserFacingError('model.filesMissing', { count: missing.length, files: missing.join(', ') });
  return { version, project, train, test, labels: labels.sort((a, b) => a.index - b.index) };
}
