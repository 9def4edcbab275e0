// Draws what the live view lays over the video: the region of interest's outline, and the anomaly
// mask of the last detection (spec §4.1 AnomalyMask: label colours on white) in its label colours,
// half transparent, scaled onto the region. The overlay canvas has the video's pixel size.
import type { Region } from './regionOfInterest';

/** Alpha of labelled mask pixels over the video (0–255). */
const maskAlpha = 150;
const outlineWidthPx = 3;
const outlineDashPx = [12, 8];

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}

/** The mask with white (background) made transparent; returns it with its labelled pixel count. */
async function maskLayer(maskPngBase64: string): Promise<{ layer: OffscreenCanvas; labelledPixels: number }> {
  const bitmap = await createImageBitmap(new Blob([base64ToBytes(maskPngBase64)], { type: 'image/png' }), { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  const layer = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = layer.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const image = context.getImageData(0, 0, layer.width, layer.height);
  const { data } = image;
  let labelledPixels = 0;
  for (let i = 0; i < data.length; i += 4) {
    const background = data[i] === 255 && data[i + 1] === 255 && data[i + 2] === 255;
    data[i + 3] = background ? 0 : maskAlpha;
    if (!background) labelledPixels += 1;
  }
  context.putImageData(image, 0, 0);
  return { layer, labelledPixels };
}

/** Clears the overlay and draws the region outline, plus the mask when given; returns its labelled pixels. */
export async function drawInspectionOverlay(canvas: HTMLCanvasElement, region: Region, maskPngBase64?: string): Promise<number> {
  const mask = maskPngBase64 ? await maskLayer(maskPngBase64) : null;
  const context = canvas.getContext('2d')!;
  context.clearRect(0, 0, canvas.width, canvas.height);
  if (mask && mask.labelledPixels > 0) {
    // Nearest-neighbour scaling keeps label edges crisp instead of blending colours.
    context.imageSmoothingEnabled = false;
    context.drawImage(mask.layer, region.x, region.y, region.width, region.height);
  }
  drawRegionOutline(context, region);
  canvas.dataset.maskPixels = String(mask?.labelledPixels ?? 0);
  return mask?.labelledPixels ?? 0;
}

/** Black and white dashes: visible on any background. */
export function drawRegionOutline(context: CanvasRenderingContext2D, region: Region): void {
  context.lineWidth = outlineWidthPx;
  for (const [color, offset] of [['#000000', 0], ['#ffffff', outlineDashPx[0]!]] as const) {
    context.strokeStyle = color;
    context.setLineDash(outlineDashPx);
    context.lineDashOffset = offset;
    context.strokeRect(region.x, region.y, region.width, region.height);
  }
  context.setLineDash([]);
}
