// The mutable colour record the renderer passes around: one reused object per pixel loop keeps the
// hot loops allocation-free. Channels are 0–255 floats, unclamped until written to the image.

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export function rgb(r: number, g: number, b: number): Rgb {
  return { r, g, b };
}

/** Moves `target` a fraction `amount` (0–1) of the way towards (r, g, b). */
export function mixInto(target: Rgb, r: number, g: number, b: number, amount: number): void {
  target.r += (r - target.r) * amount;
  target.g += (g - target.g) * amount;
  target.b += (b - target.b) * amount;
}
