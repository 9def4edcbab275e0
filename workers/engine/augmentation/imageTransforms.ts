// Pure geometric and tonal transforms of packed RGB888 images, the same size in and out: the bench's stress
// set (framing and lighting a camera changes from day to day) and any training-time augmentation use them.
// Geometry is one affine warp about the image centre (shift, rotation, rescale), sampled bilinearly at pixel
// centres with the frame mirrored at its edges, so a shifted part brings in background with the texture of
// its own (repeating the edge pixels instead draws streaks no camera takes, and every model flags them).

export interface RgbImage {
  /** Packed RGB888, width × height × 3 bytes, row-major. */
  rgb: Uint8Array;
  width: number;
  height: number;
}

export interface AffineFraming {
  /** Pixels the content moves right (x) and down (y). */
  shiftX?: number;
  shiftY?: number;
  /** Counter-clockwise as seen on screen (y down), about the image centre. */
  rotationDegrees?: number;
  /** > 1 enlarges the content about the image centre. */
  scale?: number;
}

export interface ToneChange {
  /** Multiplies every channel value (1.15 = 15 % brighter). */
  brightness?: number;
  /** Stretches values about mid-grey 128 (0.85 = 15 % less contrast). */
  contrast?: number;
}

export type ImageSide = 'top' | 'bottom' | 'left' | 'right';

export interface EdgeStrip {
  side: ImageSide;
  /** Share of the image height (top, bottom) or width (left, right) the strip covers, rounded to whole pixels. */
  share: number;
  /** The strip's colour, e.g. a dark tray edge. */
  color: readonly [number, number, number];
}

const channels = 3;
/** The tone change's pivot: contrast leaves this value where it is. */
const midGrey = 128;

/**
 * Output pixel centre p maps back to the source point c + S⁻¹R⁻¹(p − c − t) (c the image centre, t the
 * shift), read bilinearly; sources outside the frame are mirrored back into it at the frame's edge.
 */
export function warpAffine(image: RgbImage, framing: AffineFraming): RgbImage {
  const { width, height, rgb } = image;
  const { shiftX = 0, shiftY = 0, rotationDegrees = 0, scale = 1 } = framing;
  if (!(scale > 0)) throw new RangeError(`scale must be positive, got ${scale}`);
  const radians = (rotationDegrees * Math.PI) / 180;
  // Screen y points down, so a counter-clockwise turn on screen is a clockwise one in (x, y).
  const cos = Math.cos(radians) / scale;
  const sin = Math.sin(radians) / scale;
  const centreX = width / 2;
  const centreY = height / 2;
  const output = new Uint8Array(rgb.length);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const offsetX = x + 0.5 - centreX - shiftX;
      const offsetY = y + 0.5 - centreY - shiftY;
      // Inverse rotation by −θ of the screen-counter-clockwise turn: [cos −sin; sin cos] in (x, y-down).
      const sourceX = centreX + cos * offsetX - sin * offsetY - 0.5;
      const sourceY = centreY + sin * offsetX + cos * offsetY - 0.5;
      sampleBilinear(image, sourceX, sourceY, output, (y * width + x) * channels);
    }
  }
  return { rgb: output, width, height };
}

/** value' = 128 + contrast · (brightness · value − 128), rounded and clamped to 0–255. */
export function changeTone(image: RgbImage, tone: ToneChange): RgbImage {
  const { brightness = 1, contrast = 1 } = tone;
  const lookup = new Uint8Array(256);
  for (let value = 0; value < 256; value += 1) lookup[value] = clampByte(Math.round(midGrey + contrast * (brightness * value - midGrey)));
  return { rgb: image.rgb.map((value) => lookup[value]!), width: image.width, height: image.height };
}

/** Paints a solid strip along one side, as when a tray edge or the table comes into view. */
export function paintEdgeStrip(image: RgbImage, strip: EdgeStrip): RgbImage {
  const { width, height } = image;
  const vertical = strip.side === 'top' || strip.side === 'bottom';
  const thickness = Math.round(strip.share * (vertical ? height : width));
  const inStrip = (x: number, y: number): boolean => {
    switch (strip.side) {
      case 'top':
        return y < thickness;
      case 'bottom':
        return y >= height - thickness;
      case 'left':
        return x < thickness;
      case 'right':
        return x >= width - thickness;
    }
  };
  const output = image.rgb.slice();
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if (inStrip(x, y)) output.set(strip.color, (y * width + x) * channels);
    }
  }
  return { rgb: output, width, height };
}

/**
 * Mirrors a pixel-index coordinate into [0, size − 1] at the frame's edges (−0.5 and size − 0.5), so index −1
 * reads 0 and −2 reads 1; what lies beyond one mirrored frame takes the nearest edge pixel.
 */
export function mirrorIntoFrame(position: number, size: number): number {
  const mirrored = position < -0.5 ? -1 - position : position > size - 0.5 ? 2 * size - 1 - position : position;
  return Math.min(Math.max(mirrored, 0), size - 1);
}

/** Bilinear read at (x, y) in pixel-index coordinates (pixel centres at integers), mirrored at the edges. */
function sampleBilinear(image: RgbImage, x: number, y: number, output: Uint8Array, outputOffset: number): void {
  const { width, height, rgb } = image;
  const clampedX = mirrorIntoFrame(x, width);
  const clampedY = mirrorIntoFrame(y, height);
  const left = Math.floor(clampedX);
  const top = Math.floor(clampedY);
  const right = Math.min(left + 1, width - 1);
  const bottom = Math.min(top + 1, height - 1);
  const weightX = clampedX - left;
  const weightY = clampedY - top;
  for (let channel = 0; channel < channels; channel += 1) {
    const at = (column: number, row: number) => rgb[(row * width + column) * channels + channel]!;
    const upper = at(left, top) + weightX * (at(right, top) - at(left, top));
    const lower = at(left, bottom) + weightX * (at(right, bottom) - at(left, bottom));
    output[outputOffset + channel] = clampByte(Math.round(upper + weightY * (lower - upper)));
  }
}

function clampByte(value: number): number {
  return Math.min(255, Math.max(0, value));
}
