// Image-level metrics of spec §6 against hand-computed tables and the O(n²) pairwise AUC definition.
import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  f1Score,
  imageMetrics,
  type LabelledScore,
  precisionRecallCurve,
  rocAuc,
  rocCurve,
  summarise,
  ThresholdSweep,
} from '../../src/domain/metrics';
import { Random } from '../../src/domain/random';

const image = (score: number, anomalous: boolean): LabelledScore => ({ score, anomalous });

/**
 * Hand-worked table (4 anomalous A, 4 normal N; a tie at 0.7 between an A and an N):
 *   score  0.9 0.8 0.7 0.7 0.5 0.3 0.2 0.2
 *   truth   A   A   N   A   N   A   N   N
 * Distinct thresholds → (TP, FP): 0.9→(1,0) 0.8→(2,0) 0.7→(3,1) 0.5→(3,2) 0.3→(4,2) 0.2→(4,4).
 * Pairwise AUC: 0.9→4, 0.8→4, 0.7→3 + 0.5 (tie), 0.3→2; 13.5 / 16 = 0.84375.
 * AP = .25·1 + .25·1 + .25·.75 + 0·.6 + .25·(4/6) + 0·.5 = 41/48.
 */
const table: LabelledScore[] = [
  image(0.2, false),
  image(0.7, false),
  image(0.9, true),
  image(0.3, true),
  image(0.5, false),
  image(0.8, true),
  image(0.2, false),
  image(0.7, true),
];

/** The spec §6 definition, literally. Twice the sum is kept in integers, as rocAuc does. */
function pairwiseAuc(images: readonly LabelledScore[]): number {
  const anomalous = images.filter((i) => i.anomalous);
  const normal = images.filter((i) => !i.anomalous);
  let twiceSum = 0;
  for (const a of anomalous) {
    for (const n of normal) twiceSum += a.score > n.score ? 2 : a.score === n.score ? 1 : 0;
  }
  return twiceSum / (2 * anomalous.length * normal.length);
}

describe('precision, recall and F1 (spec §6 checks)', () => {
  it('reproduces the spec examples', () => {
    expect(summarise(85, 15, 0).precision).toBe(0.85);
    expect(f1Score(0.9, 1.0)).toBeCloseTo(0.947, 3);
    expect(f1Score(0.3, 1.0)).toBeCloseTo(0.46, 2);
    expect(f1Score(0.95, 0.2)).toBeCloseTo(0.33, 2);
  });

  it('gives 0 for zero denominators', () => {
    expect(summarise(0, 0, 0)).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(summarise(0, 3, 0)).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(f1Score(0, 0)).toBe(0);
  });

  it('computes 3 TP, 1 FP, 1 FN as P .75, R .75, F1 .75', () => {
    expect(summarise(3, 1, 1)).toEqual({ precision: 0.75, recall: 0.75, f1: 0.75 });
  });
});

describe('ThresholdSweep', () => {
  const sweep = new ThresholdSweep(table);

  it('counts IsAnomalous = score >= threshold, ties included', () => {
    expect(sweep.countsAt(0.7)).toEqual({ truePositives: 3, falsePositives: 1, falseNegatives: 1, trueNegatives: 3 });
    expect(sweep.countsAt(0.75)).toEqual({ truePositives: 2, falsePositives: 0, falseNegatives: 2, trueNegatives: 4 });
    expect(sweep.countsAt(1)).toEqual({ truePositives: 0, falsePositives: 0, falseNegatives: 4, trueNegatives: 4 });
    expect(sweep.countsAt(0)).toEqual({ truePositives: 4, falsePositives: 4, falseNegatives: 0, trueNegatives: 0 });
    expect(sweep.summaryAt(0.7)).toEqual({ precision: 0.75, recall: 0.75, f1: 0.75 });
    expect(sweep.summaryAt(1)).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('lists one operating point per distinct score, highest first', () => {
    const points = sweep.operatingPoints().map((p) => [p.threshold, p.counts.truePositives, p.counts.falsePositives]);
    expect(points).toEqual([
      [0.9, 1, 0],
      [0.8, 2, 0],
      [0.7, 3, 1],
      [0.5, 3, 2],
      [0.3, 4, 2],
      [0.2, 4, 4],
    ]);
    expect(sweep.anomalousCount).toBe(4);
    expect(sweep.normalCount).toBe(4);
    expect(sweep.imageCount).toBe(8);
  });

  it('agrees with counting image by image at every threshold on random data', () => {
    const random = new Random(7);
    const images = Array.from({ length: 300 }, () => image(random.int(0, 40) / 10, random.next() < 0.3));
    const randomSweep = new ThresholdSweep(images);
    for (let threshold = -0.05; threshold < 4.2; threshold += 0.05) {
      const predicted = images.filter((i) => i.score >= threshold);
      const truePositives = predicted.filter((i) => i.anomalous).length;
      expect(randomSweep.countsAt(threshold)).toEqual({
        truePositives,
        falsePositives: predicted.length - truePositives,
        falseNegatives: images.filter((i) => i.anomalous).length - truePositives,
        trueNegatives: images.filter((i) => !i.anomalous).length - (predicted.length - truePositives),
      });
    }
  });

  it('refuses NaN scores', () => {
    expect(() => new ThresholdSweep([image(Number.NaN, true)])).toThrow(RangeError);
  });
});

describe('ROC AUC and average precision', () => {
  it('matches the hand-worked table', () => {
    const sweep = new ThresholdSweep(table);
    expect(rocAuc(sweep)).toBe(0.84375);
    expect(pairwiseAuc(table)).toBe(0.84375);
    expect(averagePrecision(sweep)).toBeCloseTo(41 / 48, 12);
  });

  it('equals the O(n²) pairwise definition exactly on random data with many ties', () => {
    for (let trial = 0; trial < 20; trial += 1) {
      const random = new Random(100 + trial);
      const length = random.int(2, 400);
      const images = Array.from({ length }, () => image(random.int(0, 25) / 5, random.next() < 0.4));
      if (!images.some((i) => i.anomalous) || images.every((i) => i.anomalous)) continue;
      expect(rocAuc(new ThresholdSweep(images))).toBe(pairwiseAuc(images));
    }
  });

  it('is 1 for a perfect ranking and 0 for a reversed one; AP 1 and 1/2 respectively', () => {
    // Reversed: thresholds 0.9 (N), 0.8 (N), 0.2 (A, P 1/3), 0.1 (A, P 2/4) → AP = .5·(1/3) + .5·(1/2) = 5/12.
    const perfect = [image(0.9, true), image(0.8, true), image(0.2, false), image(0.1, false)];
    const reversed = perfect.map((i) => image(i.score, !i.anomalous));
    expect(rocAuc(new ThresholdSweep(perfect))).toBe(1);
    expect(averagePrecision(new ThresholdSweep(perfect))).toBe(1);
    expect(rocAuc(new ThresholdSweep(reversed))).toBe(0);
    expect(averagePrecision(new ThresholdSweep(reversed))).toBeCloseTo(5 / 12, 12);
  });

  it('gives AUC 0.5 and AP = anomaly share when every score is the same', () => {
    const same = [image(0.4, true), image(0.4, false), image(0.4, false), image(0.4, false)];
    const sweep = new ThresholdSweep(same);
    expect(rocAuc(sweep)).toBe(0.5);
    expect(averagePrecision(sweep)).toBe(0.25);
  });

  it('is undefined (null) without anomalies, and AUC also without normals', () => {
    const normalsOnly = new ThresholdSweep([image(0.1, false), image(0.2, false)]);
    expect(rocAuc(normalsOnly)).toBeNull();
    expect(averagePrecision(normalsOnly)).toBeNull();
    const anomaliesOnly = new ThresholdSweep([image(0.1, true), image(0.2, true)]);
    expect(rocAuc(anomaliesOnly)).toBeNull();
    expect(averagePrecision(anomaliesOnly)).toBe(1);
    const empty = new ThresholdSweep([]);
    expect(rocAuc(empty)).toBeNull();
    expect(averagePrecision(empty)).toBeNull();
  });
});

describe('curves', () => {
  const sweep = new ThresholdSweep(table);

  it('draws the ROC from (0,0) to (1,1) through each distinct threshold', () => {
    expect(rocCurve(sweep).map((p) => [p.x, p.y])).toEqual([
      [0, 0],
      [0, 0.25],
      [0, 0.5],
      [0.25, 0.75],
      [0.5, 0.75],
      [0.5, 1],
      [1, 1],
    ]);
    expect(rocCurve(sweep)[0]!.threshold).toBe(Number.POSITIVE_INFINITY);
  });

  it('draws the PR curve as (recall, precision) per distinct threshold', () => {
    expect(precisionRecallCurve(sweep).map((p) => [p.threshold, p.x, p.y])).toEqual([
      [0.9, 0.25, 1],
      [0.8, 0.5, 1],
      [0.7, 0.75, 0.75],
      [0.5, 0.75, 0.6],
      [0.3, 1, 4 / 6],
      [0.2, 1, 0.5],
    ]);
  });

  it('handles an empty test set', () => {
    const empty = new ThresholdSweep([]);
    expect(rocCurve(empty)).toEqual([{ threshold: Number.POSITIVE_INFINITY, x: 0, y: 0 }]);
    expect(precisionRecallCurve(empty)).toEqual([]);
  });
});

describe('imageMetrics', () => {
  it('bundles counts, P/R/F1, AUC and AP at the trained threshold', () => {
    expect(imageMetrics(table, 0.7)).toEqual({
      threshold: 0.7,
      counts: { truePositives: 3, falsePositives: 1, falseNegatives: 1, trueNegatives: 3 },
      precision: 0.75,
      recall: 0.75,
      f1: 0.75,
      rocAuc: 0.84375,
      averagePrecision: expect.closeTo(41 / 48, 12),
    });
  });
});
