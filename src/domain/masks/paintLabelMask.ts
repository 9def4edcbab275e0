// The one mask painter: a label-index mask in the project's CURRENT label colours, as RGBA with alpha, for
// every overlay (camera, model detail, trials, the annotation tool). Masks carry label indices, never
// colours, so a label renamed or recoloured after training is drawn as it is now.
import type { AnomalyLabel } from '../types';
import { rgbOfHex } from '../labelColors';

export interface PaintOptions {
  /** Alpha (0–255) of labelled pixels; the background is always transparent. */
  alpha?: number;
  /** With a label index set, every other label is left transparent (the annotation tool's "only this label"). */
  onlyIndex?: number | null;
}

/** A pixel whose label was deleted since is still shown, in grey, so it is not mistaken for background. */
const unknownLabelRgb: readonly [number, number, number] = [128, 128, 128];
const opaque = 255;

/** Writes `indices` into `rgba` (4 bytes per pixel, same pixel count); returns how many pixels were painted. */
export function paintLabelMask(
  indices: Uint8Array,
  labels: readonly Pick<AnomalyLabel, 'index' | 'color'>[],
  rgba: Uint8ClampedArray,
  options: PaintOptions = {},
): number {
  const { alpha = opaque, onlyIndex = null } = options;
  const rgbByIndex = new Map(labels.map((label) => [label.index, rgbOfHex(label.color)]));
  let painted = 0;
  for (let pixel = 0; pixel < indices.length; pixel += 1) {
    const index = indices[pixel]!;
    const visible = index !== 0 && (onlyIndex === null || index === onlyIndex);
    const [red, green, blue] = visible ? (rgbByIndex.get(index) ?? unknownLabelRgb) : unknownLabelRgb;
    const at = pixel * 4;
    rgba[at] = red;
    rgba[at + 1] = green;
    rgba[at + 2] = blue;
    rgba[at + 3] = visible ? alpha : 0;
    if (visible) painted += 1;
  }
  return painted;
}
