// A detection's `AnomalyMask` (spec §4.1: each label in its colour on white) turned back into the
// project's 8-bit label-index mask, the format dataset masks and the annotation tool use, so a
// predicted mask can be corrected and added to a dataset like any other.
import type { DetectAnomalyResult } from '../../workers/engine/packaging/detect';
import { decodePng } from '../domain/png';
import type { AnomalyLabel } from '../domain/types';

export interface PredictedLabelMask {
  width: number;
  height: number;
  /** One project label index per pixel, 0 = background. */
  mask: Uint8Array;
  /** Project label ids with at least one pixel. */
  labelIds: string[];
}

const backgroundName = 'background';

function base64ToBytes(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}

function rgbKey(r: number, g: number, b: number): number {
  return (r << 16) | (g << 8) | b;
}

/**
 * Null for a classification result or one with no labelled pixels. A result label is matched to the
 * project label of the same name (ignoring case), so a label recoloured since training still maps.
 */
export function predictedLabelMask(result: DetectAnomalyResult, labels: readonly AnomalyLabel[]): PredictedLabelMask | null {
  if (!result.AnomalyMask) return null;
  const byName = new Map(labels.map((label) => [label.name.toLowerCase(), label]));
  const indexByColor = new Map<number, AnomalyLabel>();
  for (const anomaly of result.Anomalies ?? []) {
    const label = byName.get(anomaly.Name.toLowerCase());
    if (anomaly.Name === backgroundName || !label) continue;
    const value = Number.parseInt(anomaly.PixelAnomaly.Color.slice(1), 16);
    indexByColor.set(value, label);
  }
  const { width, height, rgba } = decodePng(base64ToBytes(result.AnomalyMask));
  const mask = new Uint8Array(width * height);
  const present = new Set<AnomalyLabel>();
  for (let pixel = 0; pixel < mask.length; pixel += 1) {
    const label = indexByColor.get(rgbKey(rgba[pixel * 4]!, rgba[pixel * 4 + 1]!, rgba[pixel * 4 + 2]!));
    if (!label) continue;
    mask[pixel] = label.index;
    present.add(label);
  }
  if (present.size === 0) return null;
  return { width, height, mask, labelIds: [...present].sort((a, b) => a.index - b.index).map((label) => label.id) };
}
