// Datasets of a project: create, delete (with their entries and Blobs), list, and the image counts
// a dataset record carries, kept equal to its entries by every write.
import type { IDBPDatabase } from 'idb';
import { UserFacingError } from '../domain/errors';
import type { Dataset, DatasetEntry, DatasetStatus, DatasetType, ImageStats } from '../domain/types';
import { blobDeletions } from './entryBlobs';
import type { SpotcheckDB } from './schema';
import { issueAll, writeTransaction, type WriteStore } from './transaction';

const DATASET_TYPE_ORDER = { train: 0, test: 1 } as const;

/** The word a user types to confirm deleting a dataset or model version (spec §7, item 7). */
export const DELETE_CONFIRMATION_WORD = 'delete';

export function datasetNotFound(): UserFacingError {
  return new UserFacingError('dataset.notFound');
}

/** The project's datasets, `train` before `test`. */
export async function listDatasets(db: IDBPDatabase<SpotcheckDB>, projectId: string): Promise<Dataset[]> {
  const datasets = await db.getAllFromIndex('datasets', 'by-project', projectId);
  return datasets.sort((a, b) => DATASET_TYPE_ORDER[a.type] - DATASET_TYPE_ORDER[b.type]);
}

/** Every [datasetId, …] key of a compound index lies in this range: arrays sort after all strings. */
export function wholeDatasetRange(datasetId: string): IDBKeyRange {
  return IDBKeyRange.bound([datasetId], [datasetId, []]);
}

/** Entry metadata (no Blobs) ordered by source-ref. */
export function listEntries(db: IDBPDatabase<SpotcheckDB>, datasetId: string): Promise<DatasetEntry[]> {
  return db.getAllFromIndex('entries', 'by-dataset-sourceRef', wholeDatasetRange(datasetId));
}

/** Spec §1 ImageStats; Labeled = Normal + Anomaly, unlabeled entries count only in Total. */
/** The dataset's entry at `sourceRef` (its identity in the dataset, spec §1), or undefined. */
export function findEntry(db: IDBPDatabase<SpotcheckDB>, datasetId: string, sourceRef: string): Promise<DatasetEntry | undefined> {
  return db.getFromIndex('entries', 'by-dataset-sourceRef', [datasetId, sourceRef]);
}

export function computeImageStats(entries: readonly Pick<DatasetEntry, 'classification'>[]): ImageStats {
  const normal = entries.filter((entry) => entry.classification === 'normal').length;
  const anomaly = entries.filter((entry) => entry.classification === 'anomaly').length;
  return { Total: entries.length, Labeled: normal + anomaly, Normal: normal, Anomaly: anomaly };
}

/**
 * Recounts the dataset from its entries as they stand in this transaction (its own writes
 * included) and stores the counts with `status` and an empty status message.
 */
export async function refreshDataset(
  datasets: WriteStore<'datasets'>,
  entries: WriteStore<'entries'>,
  datasetId: string,
  status: DatasetStatus,
): Promise<Dataset> {
  const [dataset, datasetEntries] = await Promise.all([datasets.get(datasetId), entries.index('by-dataset').getAll(datasetId)]);
  if (!dataset) throw datasetNotFound();
  const refreshed: Dataset = { ...dataset, status, statusMessage: '', imageStats: computeImageStats(datasetEntries) };
  await datasets.put(refreshed);
  return refreshed;
}

/** A new, empty dataset; a project holds at most one of each type (spec §1). */
export async function createDataset(db: IDBPDatabase<SpotcheckDB>, projectId: string, type: DatasetType): Promise<Dataset> {
  const dataset: Dataset = {
    id: crypto.randomUUID(),
    projectId,
    type,
    status: 'CREATE_COMPLETE',
    statusMessage: '',
    createdAt: new Date().toISOString(),
    imageStats: computeImageStats([]),
  };
  return writeTransaction(db, ['projects', 'datasets'], async (transaction) => {
    const datasets = transaction.objectStore('datasets');
    const [project, existingId] = await Promise.all([
      transaction.objectStore('projects').get(projectId),
      datasets.index('by-project-type').getKey([projectId, type]),
    ]);
    if (!project) throw new UserFacingError('project.notFound');
    if (existingId !== undefined) throw new UserFacingError('dataset.typeExists', { type });
    await datasets.add(dataset);
    return dataset;
  });
}

/**
 * Deletes the dataset, its entries and their image, thumbnail and mask Blobs, all or nothing.
 * `typedConfirmation` must be the word `delete` (spec §7, item 7). Refused while a model version
 * of the project is training, since training reads the dataset. Model versions are never touched.
 */
export async function deleteDataset(db: IDBPDatabase<SpotcheckDB>, datasetId: string, typedConfirmation: string): Promise<void> {
  const stores = ['datasets', 'entries', 'images', 'thumbnails', 'masks', 'modelVersions'] as const;
  await writeTransaction(db, stores, async (transaction) => {
    const store = transaction.objectStore.bind(transaction);
    const dataset = await store('datasets').get(datasetId);
    if (!dataset) throw datasetNotFound();
    if (typedConfirmation.trim() !== DELETE_CONFIRMATION_WORD) {
      throw new UserFacingError('dataset.deleteConfirmationMismatch', { word: DELETE_CONFIRMATION_WORD });
    }
    const [modelVersions, entries] = await Promise.all([
      store('modelVersions').index('by-project').getAll(dataset.projectId),
      store('entries').index('by-dataset').getAll(datasetId),
    ]);
    const training = modelVersions.find((version) => version.status === 'TRAINING');
    if (training) throw new UserFacingError('dataset.busyTraining', { type: dataset.type, version: training.version });

    const blobStores = { images: store('images'), thumbnails: store('thumbnails'), masks: store('masks') };
    await issueAll([
      ...entries.flatMap((entry) => [() => store('entries').delete(entry.id), ...blobDeletions(blobStores, entry)]),
      () => store('datasets').delete(datasetId),
    ]);
  });
}
