// What an import commit will write, worked out without touching storage: which items add entries,
// which update an entry with the same source-ref, which leave an entry with the same bytes as it
// is, and which repeat an image already present.
import type { DatasetEntry, ImageClass } from '../domain/types';
import { resolveLabelIds } from './labels';
import type { BlobRecord } from './schema';

export interface ImportItem {
  /** Identity inside the dataset (spec §1): an existing source-ref is updated, not duplicated. */
  sourceRef: string;
  /** Hex SHA-256 of `image`'s bytes. */
  contentHash: string;
  image: Blob;
  thumbnail?: Blob;
  width: number;
  height: number;
  classification: ImageClass | null;
  humanAnnotated: boolean;
  /** The label's creation-date as imported; defaults to the commit time. */
  createdAt?: string;
  jobName?: string;
  /** 8-bit label-index PNG in the project's label indices. */
  mask?: Blob;
  /** Labels present in the mask, matched to the project's labels ignoring case. */
  labelNames: string[];
}

export interface SkippedDuplicate {
  sourceRef: string;
  /** The source-ref that already holds the same image bytes. */
  duplicateOf: string;
  /** Set when the two carry opposite labels: the picture is kept once, under its stored label, and the user is told. */
  conflictingLabels?: { stored: ImageClass; skipped: ImageClass };
}

export interface ImportPlan {
  newEntries: DatasetEntry[];
  updatedEntries: DatasetEntry[];
  /** The stored versions of updatedEntries, whose Blobs are replaced. */
  replacedEntries: DatasetEntry[];
  images: BlobRecord[];
  thumbnails: BlobRecord[];
  masks: BlobRecord[];
  skippedDuplicates: SkippedDuplicate[];
  /** Source-refs whose entry already holds these very bytes: nothing about them changes. */
  unchanged: string[];
  /** Source-refs whose entry holds another picture and that the policy does not let replace. */
  unconfirmedReplacements: string[];
}

/**
 * What an item does to the entry already at its source-ref. `ask` (imported files): identical
 * bytes leave the entry and the labels made in the app as they are, and a different picture is
 * refused until the user chose; `replaceChanged`: the user chose to replace different pictures;
 * `replaceAll`: every such entry is rewritten (trial results whose labels a person corrected).
 */
export type SamePathPolicy = 'ask' | 'replaceChanged' | 'replaceAll';

export interface PlanContext {
  projectId: string;
  datasetId: string;
  /** ISO 8601 UTC. */
  commitTime: string;
  labelIdByName: ReadonlyMap<string, string>;
  samePath: SamePathPolicy;
}

/**
 * An item whose bytes the dataset already holds under another source-ref, or that repeats an
 * earlier item of the batch, is skipped and reported. Items must have distinct source-refs.
 */
export function planImport(existing: readonly DatasetEntry[], items: readonly ImportItem[], context: PlanContext): ImportPlan {
  const plan: ImportPlan = {
    newEntries: [],
    updatedEntries: [],
    replacedEntries: [],
    images: [],
    thumbnails: [],
    masks: [],
    skippedDuplicates: [],
    unchanged: [],
    unconfirmedReplacements: [],
  };
  const bySourceRef = new Map(existing.map((entry) => [entry.sourceRef, entry]));
  const sourceRefByHash = new Map(existing.flatMap((entry) => (entry.contentHash ? [[entry.contentHash, entry.sourceRef] as const] : [])));
  const classBySourceRef = new Map<string, ImageClass | null>(existing.map((entry) => [entry.sourceRef, entry.classification]));

  for (const item of items) {
    const previous = bySourceRef.get(item.sourceRef);
    if (previous && previous.contentHash === item.contentHash && context.samePath !== 'replaceAll') {
      plan.unchanged.push(item.sourceRef);
      continue;
    }
    const holder = sourceRefByHash.get(item.contentHash);
    if (holder !== undefined && holder !== item.sourceRef) {
      plan.skippedDuplicates.push(skippedDuplicate(item, holder, classBySourceRef.get(holder) ?? null));
      continue;
    }
    if (previous && context.samePath === 'ask') {
      plan.unconfirmedReplacements.push(item.sourceRef);
      continue;
    }
    // The replaced bytes no longer make their old hash a duplicate.
    if (previous?.contentHash && sourceRefByHash.get(previous.contentHash) === previous.sourceRef) {
      sourceRefByHash.delete(previous.contentHash);
    }
    sourceRefByHash.set(item.contentHash, item.sourceRef);
    classBySourceRef.set(item.sourceRef, item.classification);

    const entry = entryFor(item, previous?.id ?? crypto.randomUUID(), context);
    plan.images.push({ id: entry.imageId, blob: item.image });
    if (item.thumbnail) plan.thumbnails.push({ id: entry.imageId, blob: item.thumbnail });
    if (item.mask && entry.maskId) plan.masks.push({ id: entry.maskId, blob: item.mask });
    if (previous) {
      plan.updatedEntries.push(entry);
      plan.replacedEntries.push(previous);
    } else {
      plan.newEntries.push(entry);
    }
  }
  return plan;
}

function skippedDuplicate(item: ImportItem, holder: string, storedClass: ImageClass | null): SkippedDuplicate {
  const skipped = item.classification;
  const conflicting = storedClass !== null && skipped !== null && storedClass !== skipped;
  return { sourceRef: item.sourceRef, duplicateOf: holder, ...(conflicting ? { conflictingLabels: { stored: storedClass, skipped } } : {}) };
}

function entryFor(item: ImportItem, id: string, context: PlanContext): DatasetEntry {
  return {
    id,
    datasetId: context.datasetId,
    projectId: context.projectId,
    sourceRef: item.sourceRef,
    imageId: crypto.randomUUID(),
    contentHash: item.contentHash,
    width: item.width,
    height: item.height,
    classification: item.classification,
    humanAnnotated: item.humanAnnotated,
    createdAt: item.createdAt ?? context.commitTime,
    jobName: item.jobName ?? '',
    anomalyLabelIds: resolveLabelIds(item.labelNames, context.labelIdByName),
    maskId: item.mask ? crypto.randomUUID() : null,
  };
}
