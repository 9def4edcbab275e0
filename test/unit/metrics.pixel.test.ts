// Per-label pixel metrics of spec §6 against a hand-worked three-image example.
import { describe, expect, it } from 'vitest';
import { PixelMetricsAccumulator } from '../../src/domain/metrics';

const labels = [
  { index: 1, name: 'scratch' },
  { index: 2, name: 'dent' },
  { index: 3, name: 'crack' },
];

describe('PixelMetricsAccumulator', () => {
  /**
   * 2x3 masks, 0 = background:
   *   image 1  GT [0 1 1 | 0 2 0]  pred [0 1 0 | 1 2 2]
   *            scratch: ∩ 1, ∪ 3 → IoU 1/3, TP 1 FP 1 FN 1;  dent: ∩ 1, ∪ 2 → IoU 1/2, TP 1 FP 1 FN 0
   *   image 2  GT all 0        pred [1 0 0 | 0 0 0]
   *            scratch: predicted only → IoU 0 (counted), FP 1;  dent absent → not counted
   *   image 3  GT [2 2 0 | 0 0 0]  pred the same → dent IoU 1, TP 2
   * scratch: TP 1 FP 2 FN 1 → P 1/3, R 1/2, F1 0.4; mean IoU (1/3 + 0) / 2 = 1/6; test images 1
   * dent:    TP 3 FP 1 FN 0 → P 3/4, R 1,   F1 6/7; mean IoU (1/2 + 1) / 2 = 3/4; test images 2
   * crack:   never present → all 0
   */
  it('sums pixel counts and averages IoU over images where the label occurs', () => {
    const accumulator = new PixelMetricsAccumulator(labels);
    accumulator.add(Uint8Array.of(0, 1, 0, 1, 2, 2), Uint8Array.of(0, 1, 1, 0, 2, 0));
    accumulator.add(Uint8Array.of(1, 0, 0, 0, 0, 0), Uint8Array.of(0, 0, 0, 0, 0, 0));
    accumulator.add(Uint8Array.of(2, 2, 0, 0, 0, 0), Uint8Array.of(2, 2, 0, 0, 0, 0));
    const [scratch, dent, crack] = accumulator.results();

    expect(scratch).toMatchObject({ labelIndex: 1, name: 'scratch', truePositivePixels: 1, falsePositivePixels: 2, falseNegativePixels: 1, testImages: 1 });
    expect(scratch!.precision).toBeCloseTo(1 / 3, 12);
    expect(scratch!.recall).toBe(0.5);
    expect(scratch!.f1).toBeCloseTo(0.4, 12);
    expect(scratch!.meanIoU).toBeCloseTo(1 / 6, 12);

    expect(dent).toMatchObject({ labelIndex: 2, name: 'dent', truePositivePixels: 3, falsePositivePixels: 1, falseNegativePixels: 0, testImages: 2 });
    expect(dent!.precision).toBe(0.75);
    expect(dent!.recall).toBe(1);
    expect(dent!.f1).toBeCloseTo(6 / 7, 12);
    expect(dent!.meanIoU).toBe(0.75);

    expect(crack).toEqual({
      labelIndex: 3,
      name: 'crack',
      precision: 0,
      recall: 0,
      f1: 0,
      truePositivePixels: 0,
      falsePositivePixels: 0,
      falseNegativePixels: 0,
      meanIoU: 0,
      testImages: 0,
    });
  });

  it('treats a missed label (in ground truth, never predicted) as IoU 0 for that image', () => {
    const accumulator = new PixelMetricsAccumulator([{ index: 1, name: 'scratch' }]);
    accumulator.add(Uint8Array.of(0, 0), Uint8Array.of(1, 0));
    accumulator.add(Uint8Array.of(1, 0), Uint8Array.of(1, 0));
    expect(accumulator.results()[0]).toMatchObject({ meanIoU: 0.5, testImages: 2, recall: 0.5, precision: 1 });
  });

  it('gives all zeros before any image is added', () => {
    expect(new PixelMetricsAccumulator([{ index: 5, name: 'dent' }]).results()[0]).toMatchObject({ f1: 0, meanIoU: 0, testImages: 0 });
  });

  it('accumulates full-size masks without holding them', () => {
    const width = 768;
    const height = 576;
    const accumulator = new PixelMetricsAccumulator([{ index: 1, name: 'scratch' }]);
    const groundTruth = new Uint8Array(width * height);
    const predicted = new Uint8Array(width * height);
    groundTruth.fill(1, 0, 1000);
    predicted.fill(1, 500, 2000);
    for (let image = 0; image < 10; image += 1) accumulator.add(predicted, groundTruth);
    // Per image: ∩ 500, ∪ 2000 → IoU 1/4; TP 500, FP 1000, FN 500.
    expect(accumulator.results()[0]).toMatchObject({
      truePositivePixels: 5000,
      falsePositivePixels: 10000,
      falseNegativePixels: 5000,
      meanIoU: 0.25,
      testImages: 10,
      precision: 1 / 3,
      recall: 0.5,
    });
  });

  it('refuses masks of different sizes and label index 0 or above 255', () => {
    const accumulator = new PixelMetricsAccumulator([{ index: 1, name: 'scratch' }]);
    expect(() => accumulator.add(new Uint8Array(4), new Uint8Array(5))).toThrow(RangeError);
    expect(() => new PixelMetricsAccumulator([{ index: 0, name: 'BACKGROUND' }])).toThrow(RangeError);
    expect(() => new PixelMetricsAccumulator([{ index: 256, name: 'x' }])).toThrow(RangeError);
  });
});
