// One image's annotation as the annotation tool reads and saves it: class, anomaly labels and
// label-index mask change together in one transaction, so a failed save leaves the image as it was.
import type { IDBPDatabase } from 'idb';
import { UserFacingError } from '../domain/errors';
import { decodeLabelMaskPng } from '../domain/png';
import { maxLabelsPerMask } from '../domain/rules/limits';
import type { AnomalyLabel, DatasetEntry, ImageClass } from '../domain/types';
import { refreshDataset } from './datasets';
import { listAnomalyLabels } from './labels';
import type { SpotcheckDB } from './schema';
import { issueAll, writeTransaction } from './transaction';

export interface StoredAnnotation {
  entry: DatasetEntry;
  image: Blob;
  /** 8-bit label-index PNG at the image's size, or null. */
  mask: Blob | null;
  /** The project's labels, ordered by mask index. */
  labels: AnomalyLabel[];
}

export interface AnnotationChange {
  classification: ImageClass | null;
  /** 8-bit label-index PNG at the image's full resolution; null removes the mask. */
  mask: Blob | null;
  /** The labels whose indices the mask holds, each once. */
  labelIds: string[];
  /** Names the caller knows by label id, so a label deleted meanwhile can be named in the refusal. */
  labelNames?: Readonly<Record<string, string>>;
}

function entryNotFound(): UserFacingError {
  return new UserFacingError('entry.notFound', { count: 1 });
}

export async function loadAnnotation(db: IDBPDatabase<SpotcheckDB>, entryId: string): Promise<StoredAnnotation> {
  const entry = await db.get('entries', entryId);
  if (!entry) throw entryNotFound();
  const [image, mask, labels] = await Promise.all([
    db.get('images', entry.imageId),
    entry.maskId ? db.get('masks', entry.maskId) : undefined,
    listAnomalyLabels(db, entry.projectId),
  ]);
  if (!image) throw new UserFacingError('labeling:errors.imageMissing', { sourceRef: entry.sourceRef });
  return { entry, image: image.blob, mask: mask?.blob ?? null, labels };
}

/** The distinct non-zero label indices of a decoded label-index mask. */
export function labelIndicesInMask(mask: Uint8Array): Set<number> {
  const seen = new Set<number>();
  for (const value of mask) if (value !== 0) seen.add(value);
  return seen;
}

/**
 * Stores the image's class, labels and mask at once, replacing any earlier mask, and recounts its
 * dataset. Refused (nothing changes) for a mask on an image that is not anomalous, a mask whose
 * size or label indices disagree with the image and `labelIds`, more than 20 labels, or a label
 * that no longer exists.
 */
export async function saveAnnotation(db: IDBPDatabase<SpotcheckDB>, entryId: string, change: AnnotationChange): Promise<DatasetEntry> {
  const { classification, mask, labelNames = {} } = change;
  const labelIds = [...new Set(change.labelIds)];
  if (mask !== null && classification !== 'anomaly') throw new UserFacingError('labeling:errors.maskNotAnomalous');
  if ((mask === null) !== (labelIds.length === 0)) throw new UserFacingError('labeling:errors.maskLabelsDisagree');
  if (labelIds.length > maxLabelsPerMask) throw new UserFacingError('labeling:errors.tooManyLabels', { max: maxLabelsPerMask });
  // Read before the transaction: awaiting anything but its requests would let it commit early.
  const decoded = mask ? decodeLabelMaskPng(new Uint8Array(await mask.arrayBuffer())) : null;

  return writeTransaction(db, ['datasets', 'entries', 'masks', 'anomalyLabels'], async (transaction) => {
    const store = transaction.objectStore.bind(transaction);
    const entry = await store('entries').get(entryId);
    if (!entry) throw entryNotFound();
    const labels = await Promise.all(labelIds.map((id) => store('anomalyLabels').get(id)));
    labels.forEach((label, i) => {
      const id = labelIds[i] ?? '';
      if (!label || label.projectId !== entry.projectId) throw new UserFacingError('labeling:errors.labelDeleted', { name: labelNames[id] ?? id });
    });
    if (decoded) {
      if (decoded.width !== entry.width || decoded.height !== entry.height) {
        throw new UserFacingError('labeling:errors.maskSize', {
          width: decoded.width,
          height: decoded.height,
          imageWidth: entry.width,
          imageHeight: entry.height,
        });
      }
      const painted = labelIndicesInMask(decoded.mask);
      const given = new Set(labels.map((label) => label?.index));
      if (painted.size !== given.size || [...painted].some((index) => !given.has(index))) {
        throw new UserFacingError('labeling:errors.maskLabelsDisagree');
      }
    }
    const maskId = mask ? crypto.randomUUID() : null;
    const saved: DatasetEntry = { ...entry, classification, humanAnnotated: classification !== null, anomalyLabelIds: labelIds, maskId };
    await issueAll([
      ...(entry.maskId ? [() => store('masks').delete(entry.maskId!)] : []),
      ...(mask && maskId ? [() => store('masks').add({ id: maskId, blob: mask })] : []),
      () => store('entries').put(saved),
    ]);
    await refreshDataset(store('datasets'), store('entries'), entry.datasetId, 'UPDATE_COMPLETE');
    return saved;
  });
}
