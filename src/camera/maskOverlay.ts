// Draws what the live view lays over the video: the region of interest's outline, and the label mask of
// the last detection in the project's current label colours (the one mask painter), half transparent,
// scaled onto the region (painted straight from the label indices, nothing decoded). The overlay canvas has
// the video's pixel size.
import { drawLabelMask } from '../app/drawLabelMask';
import type { LabelMask } from '../contracts/prediction';
import type { AnomalyLabel } from '../domain/types';
import type { Region } from './regionOfInterest';

/** Alpha of labelled mask pixels over the video (0–255). */
const maskAlpha = 150;
const outlineWidthPx = 3;
const outlineDashPx = [12, 8];
/** The mask layer of each overlay, kept between answers: drawLabelMask resizes it only when the mask size changes. */
const maskLayers = new WeakMap<HTMLCanvasElement, OffscreenCanvas>();

/** Clears the overlay and draws the region outline, plus the mask when given; returns its labelled pixels. */
export function drawInspectionOverlay(canvas: HTMLCanvasElement, region: Region, mask?: LabelMask, labels: readonly AnomalyLabel[] = []): number {
  const context = canvas.getContext('2d')!;
  context.clearRect(0, 0, canvas.width, canvas.height);
  let labelledPixels = 0;
  if (mask) {
    const layer = maskLayers.get(canvas) ?? new OffscreenCanvas(mask.width, mask.height);
    maskLayers.set(canvas, layer);
    labelledPixels = drawLabelMask(layer, mask, labels, { alpha: maskAlpha });
    // Nearest-neighbour scaling keeps label edges crisp instead of blending colours.
    context.imageSmoothingEnabled = false;
    if (labelledPixels > 0) context.drawImage(layer, region.x, region.y, region.width, region.height);
  }
  drawRegionOutline(context, region);
  canvas.dataset.maskPixels = String(labelledPixels);
  return labelledPixels;
}

/** Black and white dashes: visible on any background. */
export function drawRegionOutline(context: CanvasRenderingContext2D, region: Region): void {
  context.lineWidth = outlineWidthPx;
  for (const [color, offset] of [
    ['#000000', 0],
    ['#ffffff', outlineDashPx[0]!],
  ] as const) {
    context.strokeStyle = color;
    context.setLineDash(outlineDashPx);
    context.lineDashOffset = offset;
    context.strokeRect(region.x, region.y, region.width, region.height);
  }
  context.setLineDash([]);
}
