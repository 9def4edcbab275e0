// Copies of a masked training image for the segmentation head, moved by part of a patch cell: the head learns
// each patch's covered share of a defect, and a few masked images show every crack on one alignment of the patch
// grid only. A shifted copy shows the same crack, in the same light, cut by other patch boundaries. The shifts are
// whole pixels, so the image's warp copies pixels exactly and its label mask moves with it, pixel for pixel.
import { mirrorIntoFrame, warpAffine } from './imageTransforms';
import type { RgbImage } from './imageTransforms';

/** A shift in patch cells, right (x) and down (y). */
export interface CellShift {
  readonly x: number;
  readonly y: number;
}

/** The shifts of the copies, in the order they are taken: half a cell diagonally, then across, then down. */
export const cellShifts: readonly CellShift[] = [
  { x: 0.5, y: 0.5 },
  { x: 0.5, y: 0 },
  { x: 0, y: 0.5 },
];

export interface MaskedImage extends RgbImage {
  /** Label index per pixel, width × height. */
  mask: Uint8Array;
}

/** One patch cell in pixels of the image: the patch grid's region divided by the grid. */
export interface CellSize {
  readonly width: number;
  readonly height: number;
}

/** A cell-shifted copy: its moved label mask, and its moved pixels, made on each call (see `DerivedImage`). */
export interface CellShiftedCopy {
  readonly width: number;
  readonly height: number;
  readonly mask: Uint8Array;
  renderRgb(): Uint8Array;
}

/**
 * The first `copies` shifts of `cellShifts` applied to the image and its mask, in whole pixels (rounded). What
 * the shift brings into the frame is mirrored at its edge, as in `warpAffine`, in the mask too.
 */
export function cellShiftedCopies(image: MaskedImage, copies: number, cell: CellSize): CellShiftedCopy[] {
  if (copies > cellShifts.length) throw new RangeError(`At most ${cellShifts.length} cell-shifted copies, asked for ${copies}`);
  return cellShifts.slice(0, copies).map((shift) => {
    const shiftX = Math.round(shift.x * cell.width);
    const shiftY = Math.round(shift.y * cell.height);
    return {
      width: image.width,
      height: image.height,
      mask: shiftLabelMask(image, shiftX, shiftY),
      renderRgb: () => warpAffine(image, { shiftX, shiftY }).rgb,
    };
  });
}

/** The label mask moved by whole pixels, mirrored at the frame's edges (`mirrorIntoFrame`). */
export function shiftLabelMask({ mask, width, height }: MaskedImage, shiftX: number, shiftY: number): Uint8Array {
  if (!Number.isInteger(shiftX) || !Number.isInteger(shiftY)) throw new RangeError(`A label mask moves by whole pixels, not (${shiftX}, ${shiftY})`);
  const shifted = new Uint8Array(mask.length);
  for (let y = 0; y < height; y += 1) {
    const sourceRow = mirrorIntoFrame(y - shiftY, height) * width;
    for (let x = 0; x < width; x += 1) shifted[y * width + x] = mask[sourceRow + mirrorIntoFrame(x - shiftX, width)]!;
  }
  return shifted;
}
