// Writes a validated import batch into an existing dataset in one transaction: new labels, new and
// updated entries with their Blobs, the project size, fresh counts. Any failure leaves it all as before.
import type { IDBPDatabase } from 'idb';
import { UserFacingError } from '../domain/errors';
import { checkProjectImageSize } from '../domain/rules/imageFile';
import { issueToError } from '../domain/rules/issues';
import { checkDatasetCapacity } from '../domain/rules/quotas';
import type { AnomalyLabel, Dataset, DatasetEntry, ImageSize, ModelType, Project } from '../domain/types';
import { datasetNotFound, refreshDataset, wholeDatasetRange } from './datasets';
import { blobDeletions } from './entryBlobs';
import { planImport, type ImportItem, type ImportPlan, type SamePathPolicy, type SkippedDuplicate } from './importPlan';
import { assertLabelAcceptable, assertRoomForLabels, type LabelDraft } from './labelRules';
import { newLabelRecords } from './labels';
import { validateEntries } from './newProjectValidation';
import type { SpotcheckDB, StoreName } from './schema';
import { issueAll, writeTransaction, type WriteStore, type WriteTransaction } from './transaction';

export type { ImportItem, SamePathPolicy, SkippedDuplicate } from './importPlan';

export interface ImportCommitInput {
  projectId: string;
  datasetId: string;
  /** The size every item has; becomes the project size when the project has none yet. */
  imageSize: ImageSize;
  /** Labels the items use that the project does not have yet; created with the next free indices. */
  newLabels: LabelDraft[];
  items: ImportItem[];
  /** Defaults to `ask`: identical bytes at a source-ref change nothing, another picture is refused. */
  samePath?: SamePathPolicy;
}

export interface ImportReport {
  dataset: Dataset;
  added: number;
  updated: number;
  /** Items whose entry already held the same bytes at the same source-ref; left as they were. */
  unchanged: number;
  skippedDuplicates: SkippedDuplicate[];
  labelsCreated: AnomalyLabel[];
}

/**
 * Content hash → source-ref of the dataset's entries that have a hash, so the import pipeline can
 * skip a duplicate before decoding it or making its thumbnail. commitImport checks again.
 */
export async function knownContentHashes(db: IDBPDatabase<SpotcheckDB>, datasetId: string): Promise<Map<string, string>> {
  const hashed = await db.getAllFromIndex('entries', 'by-dataset-hash', wholeDatasetRange(datasetId));
  return new Map(hashed.flatMap((entry) => (entry.contentHash ? [[entry.contentHash, entry.sourceRef] as const] : [])));
}

/**
 * The dataset's entries at the source-refs of `items` that hold another picture than the item, so
 * the user is asked before an import replaces them (commitImport refuses them until then).
 */
export async function entriesWithOtherPicture(
  db: IDBPDatabase<SpotcheckDB>,
  datasetId: string,
  items: readonly Pick<ImportItem, 'sourceRef' | 'contentHash'>[],
): Promise<DatasetEntry[]> {
  const hashBySourceRef = new Map(items.map((item) => [item.sourceRef, item.contentHash]));
  const entries = await db.getAllFromIndex('entries', 'by-dataset', datasetId);
  return entries.filter((entry) => hashBySourceRef.has(entry.sourceRef) && hashBySourceRef.get(entry.sourceRef) !== entry.contentHash);
}

export const IMPORT_STORES = ['projects', 'datasets', 'entries', 'images', 'thumbnails', 'masks', 'anomalyLabels'] as const;

/** The stores an import writes, taken from any write transaction that includes them. */
export type ImportStores = { [Name in (typeof IMPORT_STORES)[number]]: WriteStore<Name> };

/** The import's stores of a write transaction that may hold more stores after them. */
export function importStoresOf(transaction: WriteTransaction<readonly [...typeof IMPORT_STORES, ...StoreName[]]>): ImportStores {
  const store = transaction.objectStore.bind(transaction);
  return {
    projects: store('projects'),
    datasets: store('datasets'),
    entries: store('entries'),
    images: store('images'),
    thumbnails: store('thumbnails'),
    masks: store('masks'),
    anomalyLabels: store('anomalyLabels'),
  };
}

/**
 * Commits an import batch, all or nothing: on any failure the store, the dataset's status and its
 * status message are exactly as before, and the error (a UserFacingError where it is the input's
 * fault) goes to the caller.
 */
export async function commitImport(db: IDBPDatabase<SpotcheckDB>, input: ImportCommitInput): Promise<ImportReport> {
  const commitTime = new Date().toISOString();
  return writeTransaction(db, IMPORT_STORES, async (transaction) => {
    return writeImport(importStoresOf(transaction), input, commitTime);
  });
}

/**
 * commitImport's writes inside a transaction the caller owns, so it can add its own records to the
 * same all-or-nothing commit (trial results added to a dataset). Awaits only requests of `stores`.
 */
export async function writeImport(stores: ImportStores, input: ImportCommitInput, commitTime: string): Promise<ImportReport> {
  const store = <Name extends keyof ImportStores>(name: Name): ImportStores[Name] => stores[name];
  const [project, dataset, existingLabels, existingEntries] = await Promise.all([
    store('projects').get(input.projectId),
    store('datasets').get(input.datasetId),
    store('anomalyLabels').index('by-project').getAll(input.projectId),
    store('entries').index('by-dataset').getAll(input.datasetId),
  ]);
  if (!project) throw new UserFacingError('project.notFound');
  if (!dataset || dataset.projectId !== project.id) throw datasetNotFound();
  // The batch was checked against the size the project had then; another tab may have set one since.
  const { imageSize } = input;
  if (project.imageSize && (project.imageSize.width !== imageSize.width || project.imageSize.height !== imageSize.height)) {
    const { width: projectWidth, height: projectHeight } = project.imageSize;
    throw new UserFacingError('import:sizeChangedMeanwhile', { projectWidth, projectHeight, width: imageSize.width, height: imageSize.height });
  }

  const labelsCreated = createLabels(project.id, existingLabels, input.newLabels);
  const labels = [...existingLabels, ...labelsCreated];
  const labelIdByName = new Map(labels.map((label) => [label.name.toLowerCase(), label.id]));
  validateEntries({ type: dataset.type, entries: input.items }, project.imageSize ?? input.imageSize, new Set(labelIdByName.keys()));
  const plan = planImport(existingEntries, input.items, {
    projectId: project.id,
    datasetId: dataset.id,
    commitTime,
    labelIdByName,
    samePath: input.samePath ?? 'ask',
  });
  // Checked here, in the committing transaction: another tab may have stored these paths meanwhile.
  if (plan.unconfirmedReplacements.length > 0) {
    throw new UserFacingError('import:replace.unconfirmed', { count: plan.unconfirmedReplacements.length, paths: plan.unconfirmedReplacements.join(', ') });
  }
  assertWithinDatasetLimit(project, dataset, existingEntries, plan);
  const report = {
    added: plan.newEntries.length,
    updated: plan.updatedEntries.length,
    unchanged: plan.unchanged.length,
    skippedDuplicates: plan.skippedDuplicates,
    labelsCreated,
  };
  if (report.added + report.updated === 0 && labelsCreated.length === 0) return { ...report, dataset };

  const blobStores = { images: store('images'), thumbnails: store('thumbnails'), masks: store('masks') };
  const sizedProject: Project | null = project.imageSize ? null : { ...project, imageSize: { ...input.imageSize } };
  const sizeIssue = sizedProject && checkProjectImageSize(sizedProject.imageSize!);
  if (sizeIssue) throw issueToError(sizeIssue);
  await issueAll([
    ...(sizedProject ? [() => store('projects').put(sizedProject)] : []),
    ...labelsCreated.map((label) => () => store('anomalyLabels').add(label)),
    ...plan.replacedEntries.flatMap((entry) => blobDeletions(blobStores, entry)),
    ...plan.images.map((record) => () => store('images').add(record)),
    ...plan.thumbnails.map((record) => () => store('thumbnails').add(record)),
    ...plan.masks.map((record) => () => store('masks').add(record)),
    ...plan.updatedEntries.map((entry) => () => store('entries').put(entry)),
    ...plan.newEntries.map((entry) => () => store('entries').add(entry)),
  ]);
  // A dataset filled for the first time is still being created; any later import updates it.
  const isFirstFill = existingEntries.length === 0 && dataset.status.startsWith('CREATE_');
  const status = isFirstFill ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE';
  return { ...report, dataset: await refreshDataset(store('datasets'), store('entries'), dataset.id, status) };
}

function createLabels(projectId: string, existing: readonly AnomalyLabel[], drafts: readonly LabelDraft[]): AnomalyLabel[] {
  assertRoomForLabels(existing.length, drafts.length);
  drafts.forEach((draft, position) => assertLabelAcceptable(draft, [...existing, ...drafts.slice(0, position)]));
  return newLabelRecords(projectId, existing, drafts);
}

/**
 * Spec §5 maximums. The segmentation limits apply once the project is segmentation or, before
 * its type is set, once the dataset would hold a mask.
 */
function assertWithinDatasetLimit(project: Project, dataset: Dataset, existing: readonly DatasetEntry[], plan: ImportPlan): void {
  const imageCount = existing.length + plan.newEntries.length;
  const updatedIds = new Set(plan.updatedEntries.map((entry) => entry.id));
  const keptEntries = existing.filter((entry) => !updatedIds.has(entry.id));
  const holdsMask = [...keptEntries, ...plan.updatedEntries, ...plan.newEntries].some((entry) => entry.maskId !== null);
  const modelType: ModelType = project.modelType ?? (holdsMask ? 'segmentation' : 'classification');
  const overCapacity = checkDatasetCapacity(dataset.type, modelType, imageCount);
  if (overCapacity) throw issueToError(overCapacity);
}
