// The per-label areas of a prediction (spec §4.1 `Anomalies`, background left out) from its label-index mask.
import type { LabelArea, LabelMask } from '../../contracts/prediction';
import type { AnomalyLabel } from '../types';

/** Pixels per mask value 0–255. */
export function pixelsPerIndex(indices: Uint8Array): Uint32Array {
  const counts = new Uint32Array(256);
  for (let pixel = 0; pixel < indices.length; pixel += 1) counts[indices[pixel]!]! += 1;
  return counts;
}

/** Each of `labels` with pixels in `mask`, in the order given, areas as 0–1 fractions of the image. */
export function labelAreasOf(mask: LabelMask, labels: readonly Pick<AnomalyLabel, 'index' | 'name'>[]): LabelArea[] {
  const counts = pixelsPerIndex(mask.indices);
  return labels
    .filter((label) => counts[label.index]! > 0)
    .map((label) => ({ index: label.index, name: label.name, area: counts[label.index]! / mask.indices.length }));
}

/** A label deleted since the prediction keeps its name from then and is shown in grey. */
const deletedLabelColor = '#808080';

/** How a prediction's label area is shown now: by index, with the label's current name and colour. */
export function currentLabelArea(
  area: LabelArea,
  labels: readonly Pick<AnomalyLabel, 'index' | 'name' | 'color'>[],
): { index: number; name: string; color: string; area: number } {
  const label = labels.find((each) => each.index === area.index);
  return { index: area.index, name: label?.name ?? area.name, color: label?.color ?? deletedLabelColor, area: area.area };
}
