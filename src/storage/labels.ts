// Anomaly label management: add, rename, recolour, delete when unused, and usage counts. Masks
// store label indices, so a rename or recolour changes the label record and nothing else.
import { normalizeLabelName } from '../domain/rules/labelName';
import type { IDBPDatabase } from 'idb';
import { UserFacingError } from '../domain/errors';
import { pickDistinctColor } from '../domain/labelColors';
import { nextFreeLabelIndex } from '../domain/labelIndex';
import type { AnomalyLabel } from '../domain/types';
import { assertLabelAcceptable, assertRoomForLabels, type LabelDraft } from './labelRules';
import type { SpotcheckDB } from './schema';
import { writeTransaction, type WriteStore } from './transaction';

/** Ordered by mask index, the order labels were created in. */
export async function listAnomalyLabels(db: IDBPDatabase<SpotcheckDB>, projectId: string): Promise<AnomalyLabel[]> {
  const labels = await db.getAllFromIndex('anomalyLabels', 'by-project', projectId);
  return labels.sort((a, b) => a.index - b.index);
}

/**
 * Builds new labels for `drafts` (already validated) at the indices `existing` leaves free, by the
 * same rule importers use for the mask pixels they write.
 */
export function newLabelRecords(projectId: string, existing: readonly AnomalyLabel[], drafts: readonly LabelDraft[]): AnomalyLabel[] {
  const usedIndices = new Set(existing.map((label) => label.index));
  return drafts.map(({ name, color }) => {
    const index = nextFreeLabelIndex(usedIndices);
    usedIndices.add(index);
    return { id: crypto.randomUUID(), projectId, name, color: color.toLowerCase(), index };
  });
}

/** The ids of the labels `labelNames` name (ignoring case), each once; unknown names are left out. */
export function resolveLabelIds(labelNames: readonly string[], labelIdByName: ReadonlyMap<string, string>): string[] {
  return [...new Set(labelNames.flatMap((name) => labelIdByName.get(name.toLowerCase()) ?? []))];
}

/**
 * Adds a label to the project. The name is trimmed and stored in Unicode NFC; `color` (`#rrggbb`, any case) defaults to a
 * colour distinct from every other label's.
 */
export async function addAnomalyLabel(db: IDBPDatabase<SpotcheckDB>, projectId: string, name: string, color?: string): Promise<AnomalyLabel> {
  return writeTransaction(db, ['projects', 'anomalyLabels'], async (transaction) => {
    const labels = transaction.objectStore('anomalyLabels');
    const [project, existing] = await Promise.all([transaction.objectStore('projects').get(projectId), labels.index('by-project').getAll(projectId)]);
    if (!project) throw new UserFacingError('project.notFound');
    assertRoomForLabels(existing.length, 1);
    const draft = { name: normalizeLabelName(name), color: color ?? pickDistinctColor(existing.map((label) => label.color)) };
    assertLabelAcceptable(draft, existing);
    const [label] = newLabelRecords(projectId, existing, [draft]);
    await labels.add(label!);
    return label!;
  });
}

/** Applies `change` to the label after checking it against the project's other labels. */
async function updateLabel(db: IDBPDatabase<SpotcheckDB>, labelId: string, change: (label: AnomalyLabel) => AnomalyLabel): Promise<AnomalyLabel> {
  return writeTransaction(db, ['anomalyLabels'], async (transaction) => {
    const labels = transaction.objectStore('anomalyLabels');
    const label = await findLabel(labels, labelId);
    const others = (await labels.index('by-project').getAll(label.projectId)).filter((other) => other.id !== labelId);
    const changed = change(label);
    assertLabelAcceptable(changed, others);
    const stored = { ...changed, color: changed.color.toLowerCase() };
    await labels.put(stored);
    return stored;
  });
}

/** Renames the label (trimmed, Unicode NFC); masks keep their indices, so no image changes. */
export function renameAnomalyLabel(db: IDBPDatabase<SpotcheckDB>, labelId: string, newName: string): Promise<AnomalyLabel> {
  return updateLabel(db, labelId, (label) => ({ ...label, name: normalizeLabelName(newName) }));
}

/** Gives the label a new `#rrggbb` colour; masks keep their indices, so no image changes. */
export function recolorAnomalyLabel(db: IDBPDatabase<SpotcheckDB>, labelId: string, color: string): Promise<AnomalyLabel> {
  return updateLabel(db, labelId, (label) => ({ ...label, color }));
}

/** Deletes the label, refused while any image of the project uses it (spec §5). */
export async function deleteAnomalyLabel(db: IDBPDatabase<SpotcheckDB>, labelId: string): Promise<void> {
  await writeTransaction(db, ['anomalyLabels', 'entries'], async (transaction) => {
    const labels = transaction.objectStore('anomalyLabels');
    const label = await findLabel(labels, labelId);
    const usage = await transaction.objectStore('entries').index('by-label').count(labelId);
    if (usage > 0) throw new UserFacingError('label.inUse', { name: label.name, count: usage });
    await labels.delete(labelId);
  });
}

/** How many images use each label of the project, by label id (0 for an unused label). */
export async function labelUsageCounts(db: IDBPDatabase<SpotcheckDB>, projectId: string): Promise<Record<string, number>> {
  const transaction = db.transaction(['anomalyLabels', 'entries']);
  const labelIds = await transaction.objectStore('anomalyLabels').index('by-project').getAllKeys(projectId);
  const byLabel = transaction.objectStore('entries').index('by-label');
  const counts = await Promise.all(labelIds.map((labelId) => byLabel.count(labelId)));
  return Object.fromEntries(labelIds.map((labelId, i) => [labelId, counts[i] ?? 0]));
}

async function findLabel(labels: WriteStore<'anomalyLabels'>, labelId: string): Promise<AnomalyLabel> {
  const label = await labels.get(labelId);
  if (!label) throw new UserFacingError('label.notFound');
  return label;
}
