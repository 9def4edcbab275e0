// The project's region of interest (issue 13): its rules and the ONE way it becomes pixels. Training (the
// feature graph and the head's targets), evaluation, the packaged model and the camera all crop through
// `regionPixels`, so the same region always means the same pixels of a project-size picture.
import type { ImageSize, InspectionRegion } from '../contracts/modelMetadata';

export type { InspectionRegion };

/** A whole-pixel rectangle inside a picture: left, top, width, height. */
export interface PixelRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A region narrower or lower than a tenth of the picture leaves the backbone too few pixels to judge a part. */
export const minRegionShare = 0.1;
/** Fractions written with a few decimals (e.g. 0.3 + 0.7) may add up to a hair over 1. */
const roundingSlack = 1e-9;

export const wholePicture: InspectionRegion = { x: 0, y: 0, width: 1, height: 1 };

/** Whether `region` is a rectangle of fractions inside the picture, at least `minRegionShare` on each side. */
export function isValidInspectionRegion(region: InspectionRegion): boolean {
  const { x, y, width, height } = region;
  const finite = [x, y, width, height].every(Number.isFinite);
  return finite && x >= 0 && y >= 0 && width >= minRegionShare && height >= minRegionShare && x + width <= 1 + roundingSlack && y + height <= 1 + roundingSlack;
}

export function isWholePicture(region: InspectionRegion | undefined): boolean {
  return region === undefined || (region.x === 0 && region.y === 0 && region.width === 1 && region.height === 1);
}

/** The pixels `region` covers in a `size` picture: edges rounded to the nearest pixel, never outside, never empty. */
export function regionPixels(region: InspectionRegion | undefined, size: ImageSize): PixelRect {
  const { x, y, width, height } = region ?? wholePicture;
  const edge = (share: number, side: number) => Math.min(side, Math.max(0, Math.round(share * side)));
  const left = Math.min(edge(x, size.width), size.width - 1);
  const top = Math.min(edge(y, size.height), size.height - 1);
  const right = Math.max(left + 1, edge(x + width, size.width));
  const bottom = Math.max(top + 1, edge(y + height, size.height));
  return { left, top, width: right - left, height: bottom - top };
}

/** The `rect` part of a packed picture with `channels` bytes per pixel (3 for RGB888, 1 for label masks). */
export function cropPixels(pixels: Uint8Array, size: ImageSize, channels: number, rect: PixelRect): Uint8Array {
  if (pixels.length !== size.width * size.height * channels)
    throw new RangeError(`Expected ${size.width}x${size.height}x${channels} bytes, got ${pixels.length}`);
  const cropped = new Uint8Array(rect.width * rect.height * channels);
  const rowBytes = rect.width * channels;
  for (let row = 0; row < rect.height; row++) {
    const start = ((rect.top + row) * size.width + rect.left) * channels;
    cropped.set(pixels.subarray(start, start + rowBytes), row * rowBytes);
  }
  return cropped;
}

/** Features of a picture depend on the region it is cropped to: the feature cache's key carries it. */
export function regionCacheKey(contentKey: string, region: InspectionRegion | undefined): string {
  return isWholePicture(region) ? contentKey : `${contentKey}@region:${region!.x},${region!.y},${region!.width},${region!.height}`;
}
