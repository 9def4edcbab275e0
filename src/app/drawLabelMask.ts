// The views' side of the one mask painter (domain/masks/paintLabelMask): a label-index mask drawn onto a
// canvas at its own pixel size in the project's current label colours; CSS or drawImage scales it.
import type { LabelMask } from '../contracts/prediction';
import { paintLabelMask, type PaintOptions } from '../domain/masks/paintLabelMask';
import type { AnomalyLabel } from '../domain/types';

type MaskCanvas = HTMLCanvasElement | OffscreenCanvas;

/** Returns how many pixels carry a (visible) label. */
export function drawLabelMask(
  canvas: MaskCanvas,
  mask: LabelMask,
  labels: readonly Pick<AnomalyLabel, 'index' | 'color'>[],
  options: PaintOptions = {},
): number {
  // Setting a canvas's size clears it and resets its context, so only when it changes.
  if (canvas.width !== mask.width) canvas.width = mask.width;
  if (canvas.height !== mask.height) canvas.height = mask.height;
  const image = new ImageData(mask.width, mask.height);
  const painted = paintLabelMask(mask.indices, labels, image.data, options);
  (canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D).putImageData(image, 0, 0);
  return painted;
}
