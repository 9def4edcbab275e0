// Everything a dataset export needs, read in one transaction so the zip is a consistent snapshot:
// the project's labels and, per exportable dataset, its entries with their image and mask Blobs.
import type { IDBPDatabase } from 'idb';
import type { AnomalyLabel, Dataset, DatasetEntry } from '../domain/types';
import type { SpotcheckDB } from './schema';

/** Spec §3.1: only datasets whose last change completed are exported. */
const exportableStatuses = new Set<Dataset['status']>(['CREATE_COMPLETE', 'UPDATE_COMPLETE']);

const datasetOrder: Record<Dataset['type'], number> = { train: 0, test: 1 };

export interface ExportEntrySource {
  entry: DatasetEntry;
  /** Undefined when the image Blob is missing; the export then lists the entry as left out. */
  image: Blob | undefined;
  mask: Blob | undefined;
}

export interface ExportSource {
  labels: AnomalyLabel[];
  datasets: { dataset: Dataset; entries: ExportEntrySource[] }[];
}

export async function readExportSource(db: IDBPDatabase<SpotcheckDB>, projectId: string): Promise<ExportSource> {
  const transaction = db.transaction(['datasets', 'entries', 'images', 'masks', 'anomalyLabels'], 'readonly');
  const labels = (await transaction.objectStore('anomalyLabels').index('by-project').getAll(projectId)).sort((a, b) => a.index - b.index);
  const datasets = (await transaction.objectStore('datasets').index('by-project').getAll(projectId))
    .filter((dataset) => exportableStatuses.has(dataset.status))
    .sort((a, b) => datasetOrder[a.type] - datasetOrder[b.type]);
  const result: ExportSource = { labels, datasets: [] };
  for (const dataset of datasets) {
    const entries = await transaction.objectStore('entries').index('by-dataset').getAll(dataset.id);
    const withBlobs = await Promise.all(
      entries.map(async (entry) => ({
        entry,
        image: (await transaction.objectStore('images').get(entry.imageId))?.blob,
        mask: entry.maskId ? (await transaction.objectStore('masks').get(entry.maskId))?.blob : undefined,
      })),
    );
    result.datasets.push({ dataset, entries: withBlobs.sort((a, b) => a.entry.sourceRef.localeCompare(b.entry.sourceRef)) });
  }
  return result;
}
