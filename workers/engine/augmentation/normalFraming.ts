// Re-framed copies of the normal training images for the memory bank (issue 13, robustness to framing): the
// same good part a little shifted, turned and rescaled, with mirrored background at the borders. Their patches
// join the coreset's candidates, so the bank knows what the part's edges and background look like when the
// camera or the part moves; the bank keeps its size, so detection costs the same.
import { deriveSeed, Random } from '../../../src/domain/synthetic/random';
import { warpAffine } from './imageTransforms';
import type { AffineFraming, RgbImage } from './imageTransforms';

export interface FramingRange {
  /** Largest shift along each axis, as a share of that side. */
  shiftShare: number;
  rotationDegrees: number;
  /** Scale drawn from [1 − scaleChange, 1 + scaleChange]. */
  scaleChange: number;
}

/** A little beyond what a fixed camera rig moves between sessions. */
export const defaultFramingRange: FramingRange = { shiftShare: 0.06, rotationDegrees: 5, scaleChange: 0.1 };

/** Uniform draws within the range, from a stream that only the seed drives; shifts in pixels of `image`. */
export function randomFraming(range: FramingRange, image: Pick<RgbImage, 'width' | 'height'>, seed: number): Required<AffineFraming> {
  const random = new Random(seed);
  return {
    shiftX: random.uniform(-range.shiftShare, range.shiftShare) * image.width,
    shiftY: random.uniform(-range.shiftShare, range.shiftShare) * image.height,
    rotationDegrees: random.uniform(-range.rotationDegrees, range.rotationDegrees),
    scale: random.uniform(1 - range.scaleChange, 1 + range.scaleChange),
  };
}

/**
 * `copies` re-framed versions of one image. `imageSeed` should depend on the image (e.g. `seedOfText(id)`),
 * so a copy is the same in every training run and its features can be cached with the image's.
 */
export function reframedCopies(image: RgbImage, copies: number, imageSeed: number, range: FramingRange = defaultFramingRange): RgbImage[] {
  return Array.from({ length: copies }, (_, copy) => warpAffine(image, randomFraming(range, image, deriveSeed(imageSeed, copy))));
}

/** FNV-1a of a string's UTF-16 code units: a stable 32-bit seed per image id or content hash. */
export function seedOfText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
