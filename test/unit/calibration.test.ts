// Threshold calibration, score normalisation and confidence against hand-computed answers.
import { describe, expect, it } from 'vitest';
import type { LabelledScore } from '../../src/domain/metrics';
import { defaultOperatingPoint } from '../../src/contracts/trainingWorkerApi';
import {
  calibrateThreshold,
  confidenceOf,
  fitConfidence,
  fitScoreNormalisation,
  fScoreOptimalThreshold,
  minimumAnomaliesForFScoreThreshold,
  normalFallbackMargin,
  normalisedThreshold,
  normaliseScore,
  normalScoreFallbackThreshold,
  quantile,
  typicalNormalScore,
} from '../../workers/engine/calibration';

const anomalous = (score: number): LabelledScore => ({ score, anomalous: true });
const normal = (score: number): LabelledScore => ({ score, anomalous: false });

describe('quantile', () => {
  it('interpolates linearly between order statistics of unsorted input', () => {
    const values = [4, 1, 3, 2];
    expect(quantile(values, 0)).toBe(1);
    expect(quantile(values, 0.25)).toBe(1.75);
    expect(quantile(values, 0.5)).toBe(2.5);
    expect(quantile(values, 1)).toBe(4);
    expect(values).toEqual([4, 1, 3, 2]);
    expect(() => quantile([], 0.5)).toThrow(RangeError);
  });
});

describe('fScoreOptimalThreshold', () => {
  const f1OptimalThreshold = (images: LabelledScore[]) => fScoreOptimalThreshold(images, 1);

  it('picks the gap midpoint with the best F1', () => {
    // Scores 0.9A 0.8A 0.7N 0.6A 0.4N 0.3N; 2TP/(2TP+FP+FN) above each gap:
    //   ≥0.9: 2/4   ≥0.8: 4/5   ≥0.7: 4/6   ≥0.6: 6/7 (best, gap 0.6|0.4 → 0.5)   ≥0.4: 6/8
    const result = f1OptimalThreshold([normal(0.3), anomalous(0.6), normal(0.7), anomalous(0.9), normal(0.4), anomalous(0.8)]);
    expect(result!.threshold).toBeCloseTo(0.5, 12);
    expect(result!.f1).toBeCloseTo(6 / 7, 12);
    expect(result!.precision).toBe(0.75);
    expect(result!.recall).toBe(1);
  });

  it('breaks F1 ties toward the lower threshold (flag more parts)', () => {
    // 0.9A 0.8N 0.7N 0.6A 0.1N: ≥0.9 → F1 2/3 (gap → 0.85); ≥0.6 → TP2 FP2 FN0 → 4/6 = 2/3 (gap → 0.35).
    const result = f1OptimalThreshold([anomalous(0.9), normal(0.8), normal(0.7), anomalous(0.6), normal(0.1)]);
    expect(result!.threshold).toBeCloseTo(0.35, 12);
    expect(result!.recall).toBe(1);
    expect(result!.precision).toBe(0.5);
  });

  it('treats tied scores as one candidate', () => {
    // 0.8A 0.5A 0.5N 0.2N: ≥0.8 → 2/3; ≥0.5 → TP2 FP1 → 4/5 (gap 0.5|0.2 → 0.35).
    const result = f1OptimalThreshold([anomalous(0.8), anomalous(0.5), normal(0.5), normal(0.2)]);
    expect(result!.threshold).toBeCloseTo(0.35, 12);
    expect(result!.f1).toBeCloseTo(0.8, 12);
  });

  it('uses the upper score when the gap has no float strictly inside', () => {
    const upper = 1 + Number.EPSILON;
    expect(f1OptimalThreshold([anomalous(upper), normal(1)])!.threshold).toBe(upper);
  });

  it('returns null when nothing can be separated', () => {
    expect(f1OptimalThreshold([normal(0.1), normal(0.2)])).toBeNull();
    expect(f1OptimalThreshold([anomalous(0.1), anomalous(0.2)])).toBeNull();
    expect(f1OptimalThreshold([anomalous(0.3), normal(0.3)])).toBeNull();
    expect(f1OptimalThreshold([])).toBeNull();
  });

  it('with a miss weighing four false alarms (F2), pays three false alarms for an anomaly but not seven', () => {
    // 0.9A 0.8N 0.7N 0.6N 0.5A 0.1N: F1 ≥0.9 → 2/3 (best, gap → 0.85), ≥0.5 → TP2 FP3 → 4/7.
    // F2 = 5TP / (5TP + FP + 4FN): ≥0.9 → 5/9, ≥0.5 → 10/13 (best, gap 0.5|0.1 → 0.3).
    const fewNormalsBetween = [anomalous(0.9), normal(0.8), normal(0.7), normal(0.6), anomalous(0.5), normal(0.1)];
    expect(f1OptimalThreshold(fewNormalsBetween)!.threshold).toBeCloseTo(0.85, 12);
    const f2 = fScoreOptimalThreshold(fewNormalsBetween, 4)!;
    expect(f2.threshold).toBeCloseTo(0.3, 12);
    expect(f2.recall).toBe(1);
    expect(f2.precision).toBe(0.4);
    // 0.9A 0.8A, seven normals 0.75–0.3, 0.2A, 0.1N: ≥0.8 → 10/14 (best, gap → 0.775), ≥0.2 → TP3 FP7 → 15/22.
    const manyNormalsBetween = [anomalous(0.9), anomalous(0.8), ...[0.75, 0.7, 0.6, 0.5, 0.4, 0.35, 0.3].map(normal), anomalous(0.2), normal(0.1)];
    expect(fScoreOptimalThreshold(manyNormalsBetween, 4)!.threshold).toBeCloseTo(0.775, 12);
  });
});

describe('score normalisation', () => {
  // Threshold 3; normals 1, 2, 2, 2, 10 → median 2, spread 1, scale 1 / ln 9.
  const normalisation = fitScoreNormalisation(3, [1, 2, 2, 2, 10]);

  it('maps the raw threshold to 0.5 and the median normal score to 0.1', () => {
    expect(normalisedThreshold).toBe(0.5);
    expect(typicalNormalScore).toBe(0.1);
    expect(normalisation).toEqual({ centre: 3, scale: expect.closeTo(1 / Math.log(9), 14) });
    expect(normaliseScore(3, normalisation)).toBe(0.5);
    expect(normaliseScore(2, normalisation)).toBeCloseTo(0.1, 12);
    // σ(ln 9) = 9/10; σ(2 ln 9) = 81/82.
    expect(normaliseScore(4, normalisation)).toBeCloseTo(0.9, 12);
    expect(normaliseScore(5, normalisation)).toBeCloseTo(81 / 82, 12);
  });

  it('is strictly increasing and stays within 0–1', () => {
    const raws = [-50, 0, 1.9, 2, 2.0001, 3, 7, 30];
    const normalised = raws.map((raw) => normaliseScore(raw, normalisation));
    for (let i = 1; i < normalised.length; i += 1) expect(normalised[i]!).toBeGreaterThan(normalised[i - 1]!);
    expect(Math.min(...normalised)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...normalised)).toBeLessThanOrEqual(1);
  });

  it('uses the interquartile range when the threshold is not above the median normal score', () => {
    // Normals 1–5: median 3 ≥ threshold 1.5; IQR 4 − 2 = 2, so 1.5 − 2 maps to 0.1.
    const weak = fitScoreNormalisation(1.5, [1, 2, 3, 4, 5]);
    expect(weak.scale).toBeCloseTo(2 / Math.log(9), 14);
    expect(normaliseScore(-0.5, weak)).toBeCloseTo(0.1, 12);
  });

  it('falls back to one raw unit when every normal score is equal', () => {
    expect(fitScoreNormalisation(2, [2, 2, 2]).scale).toBeCloseTo(1 / Math.log(9), 14);
  });
});

describe('confidence (spec §4.1, in logit units of the score, i.e. of the raw distance)', () => {
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
  /** The score whose logit is `x`: σ(x). */
  const scoreAt = sigmoid;

  it('fits the slope by hand: one anomaly one logit above the threshold, one normal one below → slope ln 2', () => {
    // Platt targets 2/3 and 1/3; d/dβ log-likelihood = 1·(4/3 − 2σ(β)) = 0 → σ(β) = 2/3 → β = ln 2.
    const calibration = fitConfidence([anomalous(scoreAt(1)), normal(scoreAt(-1))], 0.5);
    expect(calibration.slope).toBeCloseTo(Math.LN2, 10);
    expect(confidenceOf(scoreAt(1), 0.5, calibration)).toBeCloseTo(2 / 3, 10);
    expect(confidenceOf(scoreAt(-1), 0.5, calibration)).toBeCloseTo(2 / 3, 10);
    expect(confidenceOf(0.5, 0.5, calibration)).toBe(0.5);
    // σ(2 · ln 2) = 4/5.
    expect(confidenceOf(scoreAt(2), 0.5, calibration)).toBeCloseTo(0.8, 10);
  });

  it('solves the likelihood equation on a larger separated set', () => {
    // Anomalies at logits +1, +2 and normals at −1, −2 (targets 3/4, 1/4); by symmetry the condition is
    // 1·(3/4 − σ(β)) + 2·(3/4 − σ(2β)) = 0.
    const { slope } = fitConfidence([anomalous(scoreAt(1)), anomalous(scoreAt(2)), normal(scoreAt(-1)), normal(scoreAt(-2))], 0.5);
    expect(slope).toBeGreaterThan(0);
    expect(0.75 - sigmoid(slope) + 2 * (0.75 - sigmoid(2 * slope))).toBeCloseTo(0, 12);
  });

  it('is at least 0.5 and grows with the distance from the threshold on either side', () => {
    const calibration = fitConfidence([anomalous(0.9), anomalous(0.55), normal(0.45), normal(0.6), normal(0.1)], 0.5);
    const distances = [0, 0.01, 0.1, 0.3, 0.49];
    const above = distances.map((d) => confidenceOf(0.5 + d, 0.5, calibration));
    const below = distances.map((d) => confidenceOf(0.5 - d, 0.5, calibration));
    for (const side of [above, below]) {
      expect(side[0]).toBe(0.5);
      for (let i = 1; i < side.length; i += 1) expect(side[i]!).toBeGreaterThan(side[i - 1]!);
    }
  });

  it('is near certain at score 1.000, far above a wrong normal at 0.306, whatever threshold was saved', () => {
    // Issue 15: with a saved threshold of 0.653 both were 0.347 away from it and both read ~91 %.
    // Slope ln 2: logit(0.306) − logit(0.653) = ln(0.306/0.694) − ln(0.653/0.347) → σ(ln 2 · 1.4513) ≈ 0.7342.
    const calibration = { slope: Math.LN2 };
    const offset = Math.log(0.653 / 0.347) - Math.log(0.306 / 0.694);
    expect(confidenceOf(0.306, 0.653, calibration)).toBeCloseTo(sigmoid(Math.LN2 * offset), 12);
    // A float32 score of exactly 1 counts as logit ln((1 − 10⁻¹²) / 10⁻¹²) ≈ 27.6.
    expect(confidenceOf(1, 0.653, calibration)).toBeCloseTo(sigmoid(Math.LN2 * (Math.log((1 - 1e-12) / 1e-12) - Math.log(0.653 / 0.347))), 12);
    expect(confidenceOf(1, 0.653, calibration)).toBeGreaterThan(0.99999);
  });

  it('stays at 0.5 when the scores rank the wrong way or sit on the threshold', () => {
    expect(fitConfidence([anomalous(0.4), normal(0.6)], 0.5).slope).toBe(0);
    expect(fitConfidence([anomalous(0.5), normal(0.5)], 0.5).slope).toBe(0);
    expect(fitConfidence([], 0.5).slope).toBe(0);
    expect(confidenceOf(0.9, 0.5, { slope: 0 })).toBe(0.5);
  });
});

describe('normalScoreFallbackThreshold', () => {
  it('sits above the highest normal score by a share of its distance from the median', () => {
    // Max 0.5, median 0.3 → 0.5 + 0.1 · 0.2 = 0.52.
    expect(normalFallbackMargin).toBe(0.1);
    expect(normalScoreFallbackThreshold([0.1, 0.5, 0.3, 0.2, 0.4])).toBeCloseTo(0.52, 12);
  });

  it('stays strictly above equal normal scores', () => {
    expect(normalScoreFallbackThreshold([2, 2])).toBeCloseTo(2.2, 12);
    expect(normalScoreFallbackThreshold([0, 0])).toBe(0.1);
  });
});

describe('calibrateThreshold', () => {
  it('pools the folds and takes the F2-optimal threshold by default, the F1-optimal one when balanced', () => {
    // Pooled: 0.9A 0.8A 0.6A | 0.5N 0.4N 0.3N 0.2N 0.1N; ≥0.6 is perfect (F1 1), gap 0.6|0.5 → 0.55.
    // Normals' median 0.3 → scale (0.55 − 0.3) / ln 9.
    const calibration = calibrateThreshold([
      [normal(0.1), normal(0.3), anomalous(0.8)],
      [normal(0.2), anomalous(0.6), normal(0.5)],
      [anomalous(0.9), normal(0.4)],
    ]);
    expect(defaultOperatingPoint).toBe('defects-first');
    expect(calibration.method).toBe('f2-optimal');
    expect(calibration.warnings).toEqual([]);
    expect(calibration.rawThreshold).toBeCloseTo(0.55, 12);
    expect(calibration.threshold).toBe(0.5);
    expect(calibration.normalisation.centre).toBe(calibration.rawThreshold);
    expect(calibration.normalisation.scale).toBeCloseTo(0.25 / Math.log(9), 12);
    expect(calibration.heldOut).toEqual({ precision: 1, recall: 1, f1: 1, normalImages: 5, anomalousImages: 3, falseAlarmRate: 0 });
    expect(normaliseScore(0.3, calibration.normalisation)).toBeCloseTo(0.1, 12);
    const balanced = calibrateThreshold(
      [[normal(0.1), normal(0.3), anomalous(0.8), normal(0.2), anomalous(0.6), normal(0.5), anomalous(0.9), normal(0.4)]],
      'balanced',
    );
    expect(balanced.method).toBe('f1-optimal');
    expect(balanced.rawThreshold).toBeCloseTo(0.55, 12);
  });

  it('at the no-miss operating point, sits below the lowest anomaly and reports the false alarms it costs', () => {
    // Pooled: 1.0A 0.8A 0.5N 0.4A 0.3N 0.2N 0.1N. Balanced: ≥0.8 → 4/5, ≥0.4 → TP3 FP1 → 6/7 (best), gap 0.3|0.4.
    // No-miss: below the lowest anomaly 0.4, down to the highest normal under it (0.3): the same gap here.
    const folds = [
      [normal(0.1), normal(0.2), anomalous(0.8)],
      [normal(0.3), anomalous(0.4), normal(0.5), anomalous(1)],
    ];
    const noMiss = calibrateThreshold(folds, 'no-miss');
    expect(noMiss.method).toBe('no-miss');
    expect(noMiss.rawThreshold).toBeCloseTo(0.35, 12);
    expect(calibrateThreshold(folds, 'balanced').rawThreshold).toBeCloseTo(0.35, 12);
    expect(noMiss.heldOut.recall).toBe(1);
    expect(noMiss.heldOut.falseAlarmRate).toBe(1 / 4);
    // Moving the lowest anomaly under every normal but 0.1: no miss (gap 0.1|0.15) costs four of five normals,
    // where the balanced point (≥0.8 → TP2 FP0 FN1 → 4/5, gap 0.5|0.8) misses it. Defects first takes it at four
    // false alarms: F2 ≥0.15 → 15/19 beats ≥0.8 → 10/14.
    const images = [normal(0.1), normal(0.2), anomalous(0.15), normal(0.3), normal(0.5), normal(0.4), anomalous(0.8), anomalous(1)];
    const costly = calibrateThreshold([images], 'no-miss');
    expect(costly.rawThreshold).toBeCloseTo(0.125, 12);
    expect(calibrateThreshold([images], 'balanced').rawThreshold).toBeCloseTo(0.65, 12);
    expect(calibrateThreshold([images], 'defects-first')).toMatchObject({ method: 'f2-optimal', rawThreshold: expect.closeTo(0.125, 12) });
    expect(costly.heldOut.recall).toBe(1);
    expect(costly.heldOut.falseAlarmRate).toBeCloseTo(4 / 5, 12);
    expect(calibrateThreshold([[normal(0.5), normal(0.6), anomalous(0.2), anomalous(0.7), anomalous(0.9)]], 'no-miss').rawThreshold).toBe(0.2);
  });

  it('does not depend on how the images fall into folds', () => {
    const images = [normal(0.1), normal(0.3), anomalous(0.8), normal(0.2), anomalous(0.6), normal(0.5), anomalous(0.9), normal(0.4)];
    expect(calibrateThreshold([images.slice(0, 5), images.slice(5)])).toEqual(calibrateThreshold([images]));
  });

  it('falls back to the normal scores with a warning when anomalies are too few', () => {
    expect(minimumAnomaliesForFScoreThreshold).toBe(3);
    // Normals 0.1–0.5 → 0.52; both anomalies (0.9, 0.6) are caught.
    const calibration = calibrateThreshold([
      [normal(0.1), normal(0.2), normal(0.3), anomalous(0.9)],
      [normal(0.4), normal(0.5), anomalous(0.6)],
    ]);
    expect(calibration.method).toBe('normal-score-fallback');
    expect(calibration.warnings).toEqual(['too-few-anomalies']);
    expect(calibration.rawThreshold).toBeCloseTo(0.52, 12);
    expect(calibration.heldOut).toEqual({ precision: 1, recall: 1, f1: 1, normalImages: 5, anomalousImages: 2, falseAlarmRate: 0 });
    expect(calibrateThreshold([[normal(1), normal(3)]]).warnings).toEqual(['too-few-anomalies']);
  });

  it('falls back with another warning when every held-out score is the same', () => {
    const calibration = calibrateThreshold([[anomalous(0.5), anomalous(0.5), anomalous(0.5), normal(0.5), normal(0.5)]]);
    expect(calibration.method).toBe('normal-score-fallback');
    expect(calibration.warnings).toEqual(['no-separating-threshold']);
    expect(calibration.rawThreshold).toBeCloseTo(0.55, 12);
  });

  it('refuses held-out scores without normal images', () => {
    expect(() => calibrateThreshold([[anomalous(0.9)]])).toThrow(RangeError);
    expect(() => calibrateThreshold([])).toThrow(RangeError);
  });
});
