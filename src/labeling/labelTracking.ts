// Which anomaly label each mask index stands for while the tool is open. Labels can be added and
// deleted elsewhere meanwhile (another tab, the label manager): pixels painted with a label that
// was deleted since must be named in a message and never saved under the label that takes its
// index next.
import type { AnomalyLabel } from '../domain/types';

const sameName = (a: AnomalyLabel, b: AnomalyLabel) => a.name.toLowerCase() === b.name.toLowerCase();
/** Re-reads give new objects; a rename or recolour is a change, the same record read again is not. */
const unchanged = (a: AnomalyLabel, b: AnomalyLabel) => a.id === b.id && a.name === b.name && a.color === b.color;

/**
 * `known` (index → the label its pixels were painted with) brought up to date with the project's
 * `current` labels. A label deleted while its pixels are still in the mask keeps its index until
 * they are erased, unless a label of the same name is added again (it then adopts them). Returns
 * `known` itself when nothing changed, so views can memoise on it.
 */
export function reconcileLabels(
  known: ReadonlyMap<number, AnomalyLabel>,
  current: readonly AnomalyLabel[],
  maskIndices: ReadonlySet<number>,
): ReadonlyMap<number, AnomalyLabel> {
  const currentIds = new Set(current.map((label) => label.id));
  let next: Map<number, AnomalyLabel> | null = null;
  for (const label of current) {
    const earlier = known.get(label.index);
    if (earlier && unchanged(earlier, label)) continue;
    const heldByDeleted = earlier !== undefined && !currentIds.has(earlier.id) && maskIndices.has(label.index) && !sameName(earlier, label);
    if (heldByDeleted) continue;
    next ??= new Map(known);
    next.set(label.index, label);
  }
  return next ?? known;
}

/** The labels, deleted elsewhere, whose pixels are still in the mask, by index. */
export function deletedLabelsInMask(
  known: ReadonlyMap<number, AnomalyLabel>,
  current: readonly AnomalyLabel[],
  maskIndices: ReadonlySet<number>,
): AnomalyLabel[] {
  const currentIds = new Set(current.map((label) => label.id));
  return [...known.values()].filter((label) => !currentIds.has(label.id) && maskIndices.has(label.index)).sort((a, b) => a.index - b.index);
}

/** The current labels whose index still means them (the overlay colours and the labels to paint with). */
export function paintableLabels(known: ReadonlyMap<number, AnomalyLabel>, current: readonly AnomalyLabel[]): AnomalyLabel[] {
  return current.filter((label) => known.get(label.index)?.id === label.id);
}

/**
 * The label the editor starts with: the image's own first label (in the project's order), else the one
 * last used in this project, else the project's first label — so an image labelled only "dent" does not
 * open with "scratch".
 */
export function preselectedLabel(labels: readonly AnomalyLabel[], ownLabelIds: readonly string[], lastUsedLabelId: string | null): AnomalyLabel | null {
  return labels.find((label) => ownLabelIds.includes(label.id)) ?? labels.find((label) => label.id === lastUsedLabelId) ?? labels[0] ?? null;
}
