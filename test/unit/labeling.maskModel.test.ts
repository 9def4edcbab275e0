// The annotation mask model on hand-made 2×2 masks: painting coverage with a label or the eraser,
// counting labelled pixels, and the coloured overlay with every label shown or one alone.
import { describe, expect, it } from 'vitest';
import type { AnomalyLabel } from '../../src/domain/types';
import { paintLabelMask } from '../../src/domain/masks/paintLabelMask';
import { hasMaskPixels, maskedPixelCount, paintCoverage } from '../../src/labeling/maskModel';

const label = (index: number, color: string): AnomalyLabel => ({ id: `label-${index}`, projectId: 'p', name: `l${index}`, color, index });

describe('paintCoverage', () => {
  it('sets covered pixels to the label in a copy and leaves the rest', () => {
    const pixels = Uint8Array.of(0, 1, 2, 0);
    const painted = paintCoverage(pixels, Uint8Array.of(1, 1, 0, 0), 3);
    expect([...painted!]).toEqual([3, 3, 2, 0]);
    expect([...pixels]).toEqual([0, 1, 2, 0]);
  });

  it('erases with index 0', () => {
    expect([...paintCoverage(Uint8Array.of(4, 4, 2, 0), Uint8Array.of(0, 1, 1, 1), 0)!]).toEqual([4, 0, 0, 0]);
  });

  it('returns null when nothing changes, so no undo step is recorded', () => {
    expect(paintCoverage(Uint8Array.of(3, 3, 0, 0), Uint8Array.of(1, 1, 0, 0), 3)).toBeNull();
    expect(paintCoverage(Uint8Array.of(3, 3, 0, 0), Uint8Array.of(0, 0, 0, 0), 1)).toBeNull();
  });
});

describe('hasMaskPixels and maskedPixelCount', () => {
  it('tell whether and how many pixels carry a label', () => {
    expect(hasMaskPixels(Uint8Array.of(0, 0, 0, 0))).toBe(false);
    expect(maskedPixelCount(Uint8Array.of(0, 0, 0, 0))).toBe(0);
    expect(hasMaskPixels(Uint8Array.of(0, 0, 7, 0))).toBe(true);
    expect(maskedPixelCount(Uint8Array.of(3, 0, 7, 1))).toBe(3);
  });
});

describe('paintLabelMask (the one mask painter)', () => {
  const labels = [label(1, '#ff8000'), label(2, '#0000ff')];
  const grey = [128, 128, 128];

  it('paints each label opaque in its colour, background transparent, an unknown index grey', () => {
    const rgba = new Uint8ClampedArray(16);
    expect(paintLabelMask(Uint8Array.of(0, 1, 2, 5), labels, rgba)).toBe(3);
    expect([...rgba]).toEqual([...grey, 0, 255, 128, 0, 255, 0, 0, 255, 255, ...grey, 255]);
  });

  it('paints labelled pixels at the alpha asked for', () => {
    const rgba = new Uint8ClampedArray(8);
    paintLabelMask(Uint8Array.of(0, 1), labels, rgba, { alpha: 150 });
    expect([...rgba]).toEqual([...grey, 0, 255, 128, 0, 150]);
  });

  it('hides every label but the one shown alone', () => {
    const rgba = new Uint8ClampedArray(16);
    expect(paintLabelMask(Uint8Array.of(0, 1, 2, 5), labels, rgba, { onlyIndex: 2 })).toBe(1);
    expect([...rgba]).toEqual([...grey, 0, ...grey, 0, 0, 0, 255, 255, ...grey, 0]);
  });
});
