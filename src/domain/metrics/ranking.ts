// Threshold-free image metrics of spec §6 (ROC AUC, average precision) and the curve points the
// charts draw, all derived from a ThresholdSweep's operating points so the scores are sorted once.
import { ratioOrZero } from './confusion';
import type { ThresholdSweep } from './thresholdSweep';

export interface CurvePoint {
  threshold: number;
  x: number;
  y: number;
}

/**
 * Spec §6 pairwise AUC (ties count 0.5) as the trapezoidal area under TPR vs FPR over the distinct
 * thresholds: a tie block contributes a diagonal segment, which is exactly the 0.5 per tied pair.
 * Twice the area is summed in integers so the result equals the pairwise definition bit for bit.
 * Null when the test set lacks anomalous or normal images (the AUC is undefined).
 */
export function rocAuc(sweep: ThresholdSweep): number | null {
  if (sweep.anomalousCount === 0 || sweep.normalCount === 0) return null;
  let twiceArea = 0;
  let previousTruePositives = 0;
  let previousFalsePositives = 0;
  for (const { counts } of sweep.operatingPoints()) {
    twiceArea += (counts.falsePositives - previousFalsePositives) * (counts.truePositives + previousTruePositives);
    previousTruePositives = counts.truePositives;
    previousFalsePositives = counts.falsePositives;
  }
  return twiceArea / (2 * sweep.anomalousCount * sweep.normalCount);
}

/** AP = Σ_k (R_k − R_{k−1}) · P_k over distinct thresholds, R_0 = 0, no interpolation. Null without anomalies. */
export function averagePrecision(sweep: ThresholdSweep): number | null {
  if (sweep.anomalousCount === 0) return null;
  let sum = 0;
  let previousRecall = 0;
  for (const { counts } of sweep.operatingPoints()) {
    const recall = counts.truePositives / sweep.anomalousCount;
    const precision = counts.truePositives / (counts.truePositives + counts.falsePositives);
    sum += (recall - previousRecall) * precision;
    previousRecall = recall;
  }
  return sum;
}

/** (FPR, TPR) from (0, 0) through every distinct threshold to (1, 1); threshold +∞ for the origin. */
export function rocCurve(sweep: ThresholdSweep): CurvePoint[] {
  const points: CurvePoint[] = [{ threshold: Number.POSITIVE_INFINITY, x: 0, y: 0 }];
  for (const { threshold, counts } of sweep.operatingPoints()) {
    points.push({
      threshold,
      x: ratioOrZero(counts.falsePositives, sweep.normalCount),
      y: ratioOrZero(counts.truePositives, sweep.anomalousCount),
    });
  }
  return points;
}

/** (recall, precision) at every distinct threshold, highest threshold first. */
export function precisionRecallCurve(sweep: ThresholdSweep): CurvePoint[] {
  return sweep.operatingPoints().map(({ threshold, counts }) => ({
    threshold,
    x: ratioOrZero(counts.truePositives, sweep.anomalousCount),
    y: ratioOrZero(counts.truePositives, counts.truePositives + counts.falsePositives),
  }));
}
