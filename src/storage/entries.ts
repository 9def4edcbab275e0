// Gallery operations on dataset entries: classify or remove a selection (each one transaction that
// also recounts the datasets touched), and the filtered, paged listing with its filter counts.
import type { IDBPDatabase } from 'idb';
import { UserFacingError } from '../domain/errors';
import type { DatasetEntry, ImageClass } from '../domain/types';
import { computeImageStats, datasetNotFound, refreshDataset } from './datasets';
import { blobDeletions } from './entryBlobs';
import type { SpotcheckDB } from './schema';
import { issueAll, writeTransaction, type WriteStore } from './transaction';

/** `labeled`: normal or anomaly. */
export type EntryClassFilter = ImageClass | 'unlabeled' | 'labeled';

export interface EntryQuery {
  classification?: EntryClassFilter;
  /** Only entries whose mask carries this anomaly label. */
  labelId?: string;
  hasMask?: boolean;
  /** Case-insensitive part of the source-ref (the gallery's name search). */
  search?: string;
  /** `name`: natural order of source-refs (2.png before 10.png); `date`: newest first. */
  sort: 'name' | 'date';
  offset: number;
  limit: number;
}

export interface EntryPage {
  /** Entries matching the filters, over all pages. */
  total: number;
  entries: DatasetEntry[];
}

/** Gallery filter counts (spec §7, item 2); `missingMask` counts anomalous entries without a mask. */
export interface EntryFilterCounts {
  all: number;
  labeled: number;
  unlabeled: number;
  normal: number;
  anomaly: number;
  missingMask: number;
  /** Every anomaly label of the project by id, 0 when no entry of this dataset uses it. */
  byLabel: Record<string, number>;
}

export interface ClassifyOptions {
  /** Allow masked entries to become normal/unlabeled by deleting their masks and labels. */
  clearMasks?: boolean;
}

const naturalOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Sets the classification of every entry in `entryIds` (null: unlabeled), as a person's decision.
 * Masks belong to anomalies only, so a masked entry becomes normal/unlabeled only with
 * `clearMasks`; otherwise nothing changes and the error says how many have masks.
 */
export async function classifyEntries(
  db: IDBPDatabase<SpotcheckDB>,
  entryIds: readonly string[],
  classification: ImageClass | null,
  options: ClassifyOptions = {},
): Promise<void> {
  if (entryIds.length === 0) return;
  await writeTransaction(db, ['datasets', 'entries', 'masks'], async (transaction) => {
    const store = transaction.objectStore.bind(transaction);
    const { entries, missingCount } = await readEntries(store('entries'), entryIds);
    if (missingCount > 0) throw new UserFacingError('entry.notFound', { count: missingCount });

    const losingMask = classification === 'anomaly' ? [] : entries.filter((entry) => entry.maskId !== null);
    if (losingMask.length > 0 && !options.clearMasks) {
      throw new UserFacingError('entry.masked', { context: classification ?? 'unlabeled', count: losingMask.length });
    }
    await issueAll([
      ...losingMask.flatMap(({ maskId }) => (maskId ? [() => store('masks').delete(maskId)] : [])),
      ...entries.map((entry) => () => {
        const mask = classification === 'anomaly' ? {} : { maskId: null, anomalyLabelIds: [] };
        // Unlabeled is no one's judgement; any class set here is.
        return store('entries').put({ ...entry, ...mask, classification, humanAnnotated: classification !== null });
      }),
    ]);
    await refreshDatasetsOf(store('datasets'), store('entries'), entries);
  });
}

/** Removes the entries and their Blobs; ids no longer stored are skipped. Returns how many went. */
export async function removeEntries(db: IDBPDatabase<SpotcheckDB>, entryIds: readonly string[]): Promise<number> {
  if (entryIds.length === 0) return 0;
  return writeTransaction(db, ['datasets', 'entries', 'images', 'thumbnails', 'masks'], async (transaction) => {
    const store = transaction.objectStore.bind(transaction);
    const { entries } = await readEntries(store('entries'), entryIds);
    const blobStores = { images: store('images'), thumbnails: store('thumbnails'), masks: store('masks') };
    await issueAll(entries.flatMap((entry) => [() => store('entries').delete(entry.id), ...blobDeletions(blobStores, entry)]));
    await refreshDatasetsOf(store('datasets'), store('entries'), entries);
    return entries.length;
  });
}

/** The stored entries of a selection (each id once) and how many of its ids are gone. */
async function readEntries(entriesStore: WriteStore<'entries'>, entryIds: readonly string[]): Promise<{ entries: DatasetEntry[]; missingCount: number }> {
  const uniqueIds = [...new Set(entryIds)];
  const found = await Promise.all(uniqueIds.map((id) => entriesStore.get(id)));
  const entries = found.filter((entry): entry is DatasetEntry => entry !== undefined);
  return { entries, missingCount: uniqueIds.length - entries.length };
}

/** Recounts each dataset `entries` belong to, marking it updated. */
async function refreshDatasetsOf(datasets: WriteStore<'datasets'>, entriesStore: WriteStore<'entries'>, entries: readonly DatasetEntry[]): Promise<void> {
  const datasetIds = new Set(entries.map((entry) => entry.datasetId));
  await Promise.all([...datasetIds].map((datasetId) => refreshDataset(datasets, entriesStore, datasetId, 'UPDATE_COMPLETE')));
}

function matches(entry: DatasetEntry, query: EntryQuery): boolean {
  const { classification, hasMask, search } = query;
  if (classification === 'labeled' ? entry.classification === null : classification !== undefined && (entry.classification ?? 'unlabeled') !== classification) {
    return false;
  }
  if (hasMask !== undefined && (entry.maskId !== null) !== hasMask) return false;
  return search === undefined || entry.sourceRef.toLowerCase().includes(search.toLowerCase());
}

/** Milliseconds since the epoch; imported dates that do not parse sort as oldest. */
function timeOf(entry: DatasetEntry): number {
  const time = Date.parse(entry.createdAt);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

function byName(a: DatasetEntry, b: DatasetEntry): number {
  // Refs equal to the collator (case, accents) still get a stable order.
  const [refA, refB] = [a.sourceRef, b.sourceRef];
  return naturalOrder.compare(refA, refB) || (refA < refB ? -1 : refA > refB ? 1 : 0);
}

function compareEntries(sort: EntryQuery['sort']): (a: DatasetEntry, b: DatasetEntry) => number {
  if (sort === 'name') return byName;
  return (a, b) => timeOf(b) - timeOf(a) || byName(a, b);
}

/**
 * One page of the dataset's entries (metadata only) for a virtualised gallery. A label filter
 * reads the label index; otherwise the dataset's index is read once, which at the 16,000-entry
 * maximum is still a few MB of small records.
 */
export async function queryEntries(db: IDBPDatabase<SpotcheckDB>, datasetId: string, query: EntryQuery): Promise<EntryPage> {
  const candidates =
    query.labelId === undefined
      ? await db.getAllFromIndex('entries', 'by-dataset', datasetId)
      : (await db.getAllFromIndex('entries', 'by-label', query.labelId)).filter((entry) => entry.datasetId === datasetId);
  const matching = candidates.filter((entry) => matches(entry, query)).sort(compareEntries(query.sort));
  return { total: matching.length, entries: matching.slice(query.offset, query.offset + query.limit) };
}

/** Counts for every gallery filter of the dataset, read in one transaction. */
export async function countEntriesByFilter(db: IDBPDatabase<SpotcheckDB>, datasetId: string): Promise<EntryFilterCounts> {
  const transaction = db.transaction(['datasets', 'entries', 'anomalyLabels']);
  const dataset = await transaction.objectStore('datasets').get(datasetId);
  if (!dataset) throw datasetNotFound();
  const [entries, labels] = await Promise.all([
    transaction.objectStore('entries').index('by-dataset').getAll(datasetId),
    transaction.objectStore('anomalyLabels').index('by-project').getAll(dataset.projectId),
  ]);
  const byLabel: Record<string, number> = Object.fromEntries(labels.map((label) => [label.id, 0]));
  for (const entry of entries) {
    for (const labelId of entry.anomalyLabelIds) byLabel[labelId] = (byLabel[labelId] ?? 0) + 1;
  }
  const stats = computeImageStats(entries);
  return {
    all: stats.Total,
    labeled: stats.Labeled,
    unlabeled: stats.Total - stats.Labeled,
    normal: stats.Normal,
    anomaly: stats.Anomaly,
    missingMask: entries.filter((entry) => entry.classification === 'anomaly' && entry.maskId === null).length,
    byLabel,
  };
}
