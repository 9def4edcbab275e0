// The authoritative mask: one label index per image pixel (0 = background), edited by painting
// rasterised coverage, and shown as an overlay in label colours.
import type { AnomalyLabel } from '../domain/types';

/** Pixels of `coverage` (1 = covered) set to `labelIndex` in a copy of `pixels`; null when nothing changes. */
export function paintCoverage(pixels: Uint8Array, coverage: Uint8Array, labelIndex: number): Uint8Array | null {
  let painted: Uint8Array | null = null;
  for (let i = 0; i < pixels.length; i++) {
    if (coverage[i] === 1 && pixels[i] !== labelIndex) {
      painted ??= pixels.slice();
      painted[i] = labelIndex;
    }
  }
  return painted;
}

export function hasMaskPixels(pixels: Uint8Array): boolean {
  return pixels.some((value) => value !== 0);
}

/** How many pixels carry a label. */
export function maskedPixelCount(pixels: Uint8Array): number {
  let count = 0;
  for (const value of pixels) if (value !== 0) count++;
  return count;
}

function rgbOf(hexColor: string): [number, number, number] {
  const value = Number.parseInt(hexColor.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

/**
 * Writes the coloured overlay of `pixels` into `rgba`: each label's pixels opaque in its colour,
 * background transparent, and with `onlyIndex` set every other label hidden.
 */
export function paintOverlay(pixels: Uint8Array, labels: readonly AnomalyLabel[], onlyIndex: number | null, rgba: Uint8ClampedArray): void {
  const colorByIndex = new Map(labels.map((label) => [label.index, rgbOf(label.color)]));
  // A pixel whose label was deleted elsewhere stays visible in grey until it is erased.
  const unknownColor: [number, number, number] = [128, 128, 128];
  for (let i = 0; i < pixels.length; i++) {
    const index = pixels[i]!;
    const visible = index !== 0 && (onlyIndex === null || index === onlyIndex);
    const [red, green, blue] = visible ? (colorByIndex.get(index) ?? unknownColor) : unknownColor;
    rgba[i * 4] = red;
    rgba[i * 4 + 1] = green;
    rgba[i * 4 + 2] = blue;
    rgba[i * 4 + 3] = visible ? 255 : 0;
  }
}
