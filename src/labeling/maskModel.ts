// The authoritative mask: one label index per image pixel (0 = background), edited by painting
// rasterised coverage (drawn by the one mask painter, domain/masks/paintLabelMask).

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
