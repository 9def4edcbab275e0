// Re-deciding a model version's stored test results at another threshold (spec §9 item 1) against
// counts worked out by hand, plus the slider's scale over the test scores.
import { describe, expect, it } from 'vitest';
import type { TestImageResult } from '../../src/contracts/evaluation';
import { isCorrect, predictAt, predictedClass, previewThreshold, testScoreSweep, thresholdSliderScale } from '../../src/domain/evaluation/thresholdPreview';

/** Stored as decided at the trained threshold 0.99, so every re-decision below is predictAt's own. */
const image = (entryId: string, actual: TestImageResult['actual'], score: number): TestImageResult => ({
  entryId,
  actual,
  prediction: { score, rawScore: score, threshold: 0.99, isAnomalous: score >= 0.99, confidence: 0.5, labelAreas: [] },
});

/**
 * Ten test images, 5 anomalous (A) and 5 normal (N), listed by descending score:
 *   entry  e1   e2   e3   e4   e5   e6   e7   e8   e9   e10
 *   truth  A    A    N    A    N    A    N    N    N    A
 *   score .92  .81  .74  .66  .55  .48  .40  .33  .21  .15
 * At 0.50: anomalous e1–e5 → TP 3 (e1 e2 e4), FP 2 (e3 e5), FN 2 (e6 e10), TN 3; P = R = F1 = 3/5.
 * At 0.70: anomalous e1–e3 → TP 2, FP 1, FN 3, TN 4; P 2/3, R 2/5, F1 = 2·2/(2·2 + 1 + 3) = 1/2.
 * At 0.48 (a score: ties count as anomalous): e1–e6 → TP 4, FP 2, FN 1, TN 3; P 2/3, R 4/5, F1 8/11.
 * At 0.15: every image anomalous → TP 5, FP 5; P 1/2, R 1, F1 2/3.
 * At 0.95: none → TP 0, FN 5, TN 5; P = R = F1 = 0 (zero denominators give 0).
 */
const testImages: TestImageResult[] = [
  image('e4', 'anomaly', 0.66),
  image('e9', 'normal', 0.21),
  image('e1', 'anomaly', 0.92),
  image('e7', 'normal', 0.4),
  image('e3', 'normal', 0.74),
  image('e10', 'anomaly', 0.15),
  image('e6', 'anomaly', 0.48),
  image('e2', 'anomaly', 0.81),
  image('e8', 'normal', 0.33),
  image('e5', 'normal', 0.55),
];
const sweep = testScoreSweep(testImages);

describe('previewThreshold', () => {
  it.each([
    [0.5, { truePositives: 3, falsePositives: 2, falseNegatives: 2, trueNegatives: 3 }, 3 / 5, 3 / 5, 3 / 5],
    [0.7, { truePositives: 2, falsePositives: 1, falseNegatives: 3, trueNegatives: 4 }, 2 / 3, 2 / 5, 1 / 2],
    [0.48, { truePositives: 4, falsePositives: 2, falseNegatives: 1, trueNegatives: 3 }, 2 / 3, 4 / 5, 8 / 11],
    [0.15, { truePositives: 5, falsePositives: 5, falseNegatives: 0, trueNegatives: 0 }, 1 / 2, 1, 2 / 3],
    [0.95, { truePositives: 0, falsePositives: 0, falseNegatives: 5, trueNegatives: 5 }, 0, 0, 0],
  ])('at %s gives the hand-counted confusion matrix and figures', (threshold, counts, precision, recall, f1) => {
    const preview = previewThreshold(sweep, threshold);
    expect(preview.threshold).toBe(threshold);
    expect(preview.counts).toEqual(counts);
    expect(preview.precision).toBeCloseTo(precision, 12);
    expect(preview.recall).toBeCloseTo(recall, 12);
    expect(preview.f1).toBeCloseTo(f1, 12);
  });

  it('changes only when the threshold crosses a score', () => {
    expect(previewThreshold(sweep, 0.56).counts).toEqual(previewThreshold(sweep, 0.66).counts);
    expect(previewThreshold(sweep, 0.661).counts).not.toEqual(previewThreshold(sweep, 0.66).counts);
  });

  it('refuses a threshold that is not a number', () => {
    expect(() => previewThreshold(sweep, Number.NaN)).toThrow('Threshold NaN is not a finite number');
  });
});

describe('predictAt', () => {
  const slope = 10;
  const predictions = predictAt(testImages, 0.5, { slope });
  const byEntry = new Map(predictions.map((prediction) => [prediction.entryId, prediction]));
  const decided = (entryId: string) => {
    const result = byEntry.get(entryId)!;
    return { actual: result.actual, predicted: predictedClass(result), correct: isCorrect(result), threshold: result.prediction.threshold };
  };

  it('decides each image as detection does and marks the mistakes', () => {
    expect(predictions.filter(isCorrect)).toHaveLength(6);
    expect(
      predictions
        .filter((prediction) => !isCorrect(prediction))
        .map((prediction) => prediction.entryId)
        .sort(),
    ).toEqual(['e10', 'e3', 'e5', 'e6']);
    expect(decided('e3')).toEqual({ actual: 'normal', predicted: 'anomaly', correct: false, threshold: 0.5 });
    expect(decided('e6')).toEqual({ actual: 'anomaly', predicted: 'normal', correct: false, threshold: 0.5 });
    expect(decided('e1')).toEqual({ actual: 'anomaly', predicted: 'anomaly', correct: true, threshold: 0.5 });
  });

  it('gives the spec §4.1 confidence at the new threshold: σ(slope · |logit(score) − logit(threshold)|)', () => {
    // At 0.5 (logit 0), slope 10: e3 (0.74) → σ(10 · ln(0.74 / 0.26)); e6 (0.48) → σ(10 · ln(0.52 / 0.48)).
    expect(byEntry.get('e3')!.prediction.confidence).toBeCloseTo(1 / (1 + Math.exp(-10 * Math.log(0.74 / 0.26))), 12);
    expect(byEntry.get('e6')!.prediction.confidence).toBeCloseTo(1 / (1 + Math.exp(-10 * Math.log(0.52 / 0.48))), 12);
    expect(predictAt([image('x', 'normal', 0.3)], 0.3, { slope })[0]!.prediction).toMatchObject({ isAnomalous: true, threshold: 0.3, confidence: 0.5 });
  });
});

describe('thresholdSliderScale', () => {
  it('spans the scores and the given thresholds in steps fine enough to separate them', () => {
    expect(thresholdSliderScale(sweep, [0.5, 0.7])).toEqual({ min: 0.15, max: 0.92, step: 0.001, decimals: 3 });
    expect(thresholdSliderScale(sweep, [0.05])).toEqual({ min: 0.05, max: 0.92, step: 0.001, decimals: 3 });
  });

  it('uses finer steps for scores close together, and stays within 0–1', () => {
    const close = testScoreSweep([image('a', 'anomaly', 0.5123), image('b', 'normal', 0.5101)]);
    expect(thresholdSliderScale(close, [])).toEqual({ min: 0.5101, max: 0.5123, step: 0.00001, decimals: 5 });
    const top = testScoreSweep([image('a', 'anomaly', 1), image('b', 'normal', 1)]);
    expect(thresholdSliderScale(top, [])).toEqual({ min: 0.99999, max: 1, step: 0.00001, decimals: 5 });
  });
});
