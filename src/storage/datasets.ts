// Reading datasets and their entries, and the image counts a dataset record carries.
import type { IDBPDatabase } from 'idb';
import type { Dataset, DatasetEntry, ImageStats } from '../domain/types';
import type { SpotcheckDB } from './schema';

const DATASET_TYPE_ORDER = { train: 0, test: 1 } as const;

/** The project's datasets, `train` before `test`. */
export async function listDatasets(db: IDBPDatabase<SpotcheckDB>, projectId: string): Promise<Dataset[]> {
  const datasets = await db.getAllFromIndex('datasets', 'by-project', projectId);
  return datasets.sort((a, b) => DATASET_TYPE_ORDER[a.type] - DATASET_TYPE_ORDER[b.type]);
}

/** Entry metadata (no Blobs) ordered by source-ref. */
export function listEntries(db: IDBPDatabase<SpotcheckDB>, datasetId: string): Promise<DatasetEntry[]> {
  // Every [datasetId, sourceRef] key lies in this range: arrays sort after all strings.
  const wholeDataset = IDBKeyRange.bound([datasetId], [datasetId, []]);
  return db.getAllFromIndex('entries', 'by-dataset-sourceRef', wholeDataset);
}

/** Spec §1 ImageStats; Labeled = Normal + Anomaly, unlabeled entries count only in Total. */
export function computeImageStats(entries: readonly Pick<DatasetEntry, 'classification'>[]): ImageStats {
  const normal = entries.filter((entry) => entry.classification === 'normal').length;
  const anomaly = entries.filter((entry) => entry.classification === 'anomaly').length;
  return { Total: entries.length, Labeled: normal + anomaly, Normal: normal, Anomaly: anomaly };
}
