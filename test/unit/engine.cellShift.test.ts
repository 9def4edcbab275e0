// Cell-shifted copies for the segmentation head: exact whole-pixel moves of a synthetic image and its label mask,
// mirrored at the frame's edges alike, and the training copies made of masked anomalous images only.
import { describe, expect, it } from 'vitest';
import { cellShiftedCopies, shiftLabelMask } from '../../workers/engine/augmentation/cellShift';
import type { MaskedImage } from '../../workers/engine/augmentation/cellShift';
import { cellShiftedHeadCopies, isCellShiftedCopyOf } from '../../workers/engine/training/trainingImages';
import type { TrainingImage } from '../../workers/engine/training';

const width = 7;
const height = 5;
/** Every pixel's channels and its mask value name its own position, so a move is read off the values. */
const image: MaskedImage = {
  width,
  height,
  rgb: Uint8Array.from({ length: width * height * 3 }, (_, index) => index),
  mask: Uint8Array.from({ length: width * height }, (_, pixel) => pixel),
};

/** The source pixel of (x, y) after a move by (dx, dy): index −1 reads 0, −2 reads 1 (mirrored at the edge). */
function sourcePixel(x: number, y: number, dx: number, dy: number): number {
  const mirrored = (position: number) => (position < 0 ? -1 - position : position);
  return mirrored(y - dy) * width + mirrored(x - dx);
}

describe('cellShiftedCopies', () => {
  it('moves the image and its mask by half a cell diagonally, across and down, in whole pixels', () => {
    const copies = cellShiftedCopies(image, 3, { width: 4, height: 2 });
    const moves = [
      [2, 1],
      [2, 0],
      [0, 1],
    ];
    expect(copies).toHaveLength(3);
    copies.forEach((copy, index) => {
      const [dx, dy] = moves[index]!;
      const rgb = copy.renderRgb();
      expect([copy.width, copy.height]).toEqual([width, height]);
      for (let y = 0; y < height; y += 1) {
        for (let x = 0; x < width; x += 1) {
          const source = sourcePixel(x, y, dx!, dy!);
          const pixel = y * width + x;
          expect(copy.mask[pixel], `copy ${index} mask at (${x}, ${y})`).toBe(source);
          expect(Array.from(rgb.subarray(pixel * 3, pixel * 3 + 3)), `copy ${index} rgb at (${x}, ${y})`).toEqual([source * 3, source * 3 + 1, source * 3 + 2]);
        }
      }
    });
  });

  it('rounds half a cell to whole pixels and makes only the copies asked for', () => {
    const [copy] = cellShiftedCopies(image, 1, { width: 3, height: 3 });
    // Half of 3 px rounds to 2 px both ways.
    expect(copy!.mask[2 * width + 2]).toBe(0);
    expect(copy!.mask[1 * width + 1]).toBe(sourcePixel(1, 1, 2, 2));
    expect(cellShiftedCopies(image, 0, { width: 4, height: 4 })).toEqual([]);
    expect(() => cellShiftedCopies(image, 4, { width: 4, height: 4 })).toThrow('At most 3 cell-shifted copies');
  });

  it('refuses to move a label mask by part of a pixel', () => {
    expect(() => shiftLabelMask(image, 0.5, 0)).toThrow('whole pixels');
  });
});

describe('cellShiftedHeadCopies', () => {
  const trainingImage = (id: string, classification: TrainingImage['classification'], masked: boolean): TrainingImage => ({
    id,
    contentHash: `hash-${id}`,
    rgb: image.rgb,
    width,
    height,
    classification,
    ...(masked ? { mask: image.mask } : {}),
  });
  const masked = trainingImage('crack', 'anomaly', true);
  const images = [masked, trainingImage('unmasked', 'anomaly', false), trainingImage('plain', 'normal', false)];

  it('copies only the masked anomalous images, keyed by their content and shift, recognisable as copies', () => {
    const copies = cellShiftedHeadCopies(images, 2, { width: 4, height: 2 });
    expect(copies.map((copy) => [copy.id, copy.contentHash, copy.classification])).toEqual([
      ['crack#cell-shifted-0', 'hash-crack#cell-shifted-0.5,0.5', 'anomaly'],
      ['crack#cell-shifted-1', 'hash-crack#cell-shifted-0.5,0', 'anomaly'],
    ]);
    expect(copies.every((copy) => isCellShiftedCopyOf(copy, masked))).toBe(true);
    expect(copies.some((copy) => isCellShiftedCopyOf(copy, images[1]!))).toBe(false);
    expect(Array.from(copies[1]!.mask!)).toEqual(Array.from(shiftLabelMask(image, 2, 0)));
  });

  it('holds no pixels of its own and renders them, as the shift moves them, each time they are asked for', () => {
    const [copy] = cellShiftedHeadCopies(images, 1, { width: 4, height: 2 });
    expect('rgb' in copy!).toBe(false);
    const rendered = copy!.renderRgb();
    expect(rendered).toEqual(cellShiftedCopies(image, 1, { width: 4, height: 2 })[0]!.renderRgb());
    expect(copy!.renderRgb()).not.toBe(rendered);
    expect(copy!.renderRgb()).toEqual(rendered);
  });
});
