// ROC and precision–recall chart columns on a four-image example worked by hand, and where a threshold
// falls on them.
import { describe, expect, it } from 'vitest';
import { curvePointIndexAt, evaluationCurves } from '../../src/domain/evaluation/curves';
import type { TestImageResult } from '../../src/contracts/evaluation';
import { testScoreSweep } from '../../src/domain/evaluation/thresholdPreview';

const image = (entryId: string, actual: TestImageResult['actual'], score: number): TestImageResult => ({
  entryId,
  actual,
  prediction: { score, rawScore: score, threshold: 0.5, isAnomalous: score >= 0.5, confidence: 0.5, labelAreas: [] },
});

/**
 * truth A N A N, scores .9 .7 .6 .3 (2 anomalous, 2 normal). Thresholds from the top:
 *   +∞ → TP 0 FP 0;  .9 → TP 1 FP 0;  .7 → TP 1 FP 1;  .6 → TP 2 FP 1;  .3 → TP 2 FP 2.
 * ROC (FPR, TPR): (0,0) (0,.5) (.5,.5) (.5,1) (1,1).  PR (recall, precision): (.5,1) (.5,.5) (1,2/3) (1,.5).
 */
const sweep = testScoreSweep([image('n1', 'normal', 0.3), image('a1', 'anomaly', 0.9), image('a2', 'anomaly', 0.6), image('n2', 'normal', 0.7)]);
const curves = evaluationCurves(sweep);

describe('evaluationCurves', () => {
  it('gives the ROC points from the origin to (1, 1), FPR never decreasing', () => {
    expect(curves.roc).toEqual({ x: [0, 0, 0.5, 0.5, 1], y: [0, 0.5, 0.5, 1, 1], thresholds: [Number.POSITIVE_INFINITY, 0.9, 0.7, 0.6, 0.3] });
  });

  it('gives the precision–recall points, recall never decreasing', () => {
    expect(curves.precisionRecall).toEqual({ x: [0.5, 0.5, 1, 1], y: [1, 0.5, 2 / 3, 0.5], thresholds: [0.9, 0.7, 0.6, 0.3] });
  });

  it('has no ROC curve without both classes, and no PR curve without anomalies', () => {
    const onlyNormal = evaluationCurves(testScoreSweep([image('n1', 'normal', 0.3), image('n2', 'normal', 0.4)]));
    expect(onlyNormal).toEqual({ roc: null, precisionRecall: null });
    const onlyAnomalous = evaluationCurves(testScoreSweep([image('a1', 'anomaly', 0.3), image('a2', 'anomaly', 0.8)]));
    expect(onlyAnomalous.roc).toBeNull();
    expect(onlyAnomalous.precisionRecall).toEqual({ x: [0.5, 1], y: [1, 1], thresholds: [0.8, 0.3] });
  });
});

describe('curvePointIndexAt', () => {
  it('finds the point whose outcome the threshold gives', () => {
    expect(curvePointIndexAt(curves.roc!, 0.65)).toBe(2);
    expect(curvePointIndexAt(curves.roc!, 0.6)).toBe(3);
    expect(curvePointIndexAt(curves.roc!, 0.95)).toBe(0);
    expect(curvePointIndexAt(curves.roc!, 0.1)).toBe(4);
    expect(curvePointIndexAt(curves.precisionRecall!, 0.65)).toBe(1);
  });

  it('finds no PR point above every score, where precision is undefined', () => {
    expect(curvePointIndexAt(curves.precisionRecall!, 0.95)).toBe(-1);
  });
});
