// Re-framed copies of the normal training images for the memory bank (issue 13, robustness to framing): the
// same good part a little shifted, turned and rescaled, with mirrored background at the borders, and (with the
// photometric transforms) re-lit and with a dark strip along one side as when a tray edge comes into view. Their patches
// join the coreset's candidates, so the bank knows what the part's edges and background look like when the
// camera or the part moves; the bank keeps its size, so detection costs the same.
import { deriveSeed, Random } from '../../../src/domain/random';
import { changeTone, paintEdgeStrip, warpAffine } from './imageTransforms';
import type { AffineFraming, EdgeStrip, ImageSide, RgbImage, ToneChange } from './imageTransforms';

export interface FramingRange {
  /** Largest shift along each axis, as a share of that side. */
  shiftShare: number;
  rotationDegrees: number;
  /** Scale drawn from [1 − scaleChange, 1 + scaleChange]. */
  scaleChange: number;
  /** Brightness and contrast each drawn from [1 − toneChange, 1 + toneChange] (lighting from day to day). */
  toneChange: number;
  /** Chance that a copy also gets a dark strip along a random side (a tray edge or table coming into view). */
  edgeStripChance: number;
  /** The strip covers up to this share of the side it runs along. */
  edgeStripMaxShare: number;
}

/**
 * A little beyond what a fixed camera rig moves between sessions, lighting ±15 %, and every other copy with a
 * dark strip (the tray edge that made the cookies' false alarms, issue 13).
 */
export const defaultFramingRange: FramingRange = {
  shiftShare: 0.06,
  rotationDegrees: 5,
  scaleChange: 0.1,
  toneChange: 0.15,
  edgeStripChance: 0.5,
  edgeStripMaxShare: 0.15,
};

/**
 * Which transforms the copies get: 'geometric' (shift, rotation, rescale), 'geometric-tone' (also lighting) or
 * 'geometric-photometric' (also lighting and edge strips). Photometric copies teach the bank re-lit surfaces and
 * dark strips, which also covers up dark missing-part holes (aliens recall fell 0.958 → 0.925 in 5 × 3 CV with 2
 * such copies).
 */
export type FramedCopyTransforms = 'geometric' | 'geometric-tone' | 'geometric-photometric';

const withoutStrips = { edgeStripChance: 0, edgeStripMaxShare: 0 };

export const framingRanges: Readonly<Record<FramedCopyTransforms, FramingRange>> = {
  geometric: { ...defaultFramingRange, ...withoutStrips, toneChange: 0 },
  'geometric-tone': { ...defaultFramingRange, ...withoutStrips },
  'geometric-photometric': defaultFramingRange,
};

const sides: readonly ImageSide[] = ['top', 'bottom', 'left', 'right'];
/** Grey levels of the strips: dark, like a tray rim or a shadowed table. */
const darkestStripLevel = 10;
const palestStripLevel = 80;

export interface Framing {
  warp: Required<AffineFraming>;
  tone: Required<ToneChange>;
  strip: EdgeStrip | null;
}

/** Uniform draws within the range, from a stream that only the seed drives; shifts in pixels of `image`. */
export function randomFraming(range: FramingRange, image: Pick<RgbImage, 'width' | 'height'>, seed: number): Framing {
  const random = new Random(seed);
  const warp = {
    shiftX: random.uniform(-range.shiftShare, range.shiftShare) * image.width,
    shiftY: random.uniform(-range.shiftShare, range.shiftShare) * image.height,
    rotationDegrees: random.uniform(-range.rotationDegrees, range.rotationDegrees),
    scale: random.uniform(1 - range.scaleChange, 1 + range.scaleChange),
  };
  const tone = { brightness: random.uniform(1 - range.toneChange, 1 + range.toneChange), contrast: random.uniform(1 - range.toneChange, 1 + range.toneChange) };
  if (!(random.next() < range.edgeStripChance)) return { warp, tone, strip: null };
  const level = random.int(darkestStripLevel, palestStripLevel);
  return { warp, tone, strip: { side: random.pick(sides), share: random.uniform(0, range.edgeStripMaxShare), color: [level, level, level] } };
}

/**
 * The `copy`-th re-framed version of one image. `imageSeed` should depend on the image (e.g. `seedOfText(id)`),
 * so a copy is the same in every training run and its features can be cached with the image's.
 */
export function reframedCopy(image: RgbImage, imageSeed: number, copy: number, range: FramingRange = defaultFramingRange): RgbImage {
  const { warp, tone, strip } = randomFraming(range, image, deriveSeed(imageSeed, copy));
  const reframed = changeTone(warpAffine(image, warp), tone);
  return strip ? paintEdgeStrip(reframed, strip) : reframed;
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
