// The image decision of a trained model: the raw threshold from cross-validated held-out scores (at the
// defects-first F2-optimal, the balanced F1-optimal or the no-miss operating point, or a normal-score fallback
// with a warning when anomalies are too few) and the normalisation that maps it to 0.5. Raw threshold,
// normalised scores and threshold are all kept.
import type { CalibrationWarning, ThresholdCalibration } from '../../../src/contracts/evaluation';
import { defaultOperatingPoint, type OperatingPoint } from '../../../src/contracts/trainingWorkerApi';
import { type LabelledScore, ThresholdSweep } from '../../../src/domain/metrics';
import { fScoreOptimalThreshold, gapMidpoint } from './fScoreThreshold';
import { fitScoreNormalisation, normalisedThreshold } from './normalisation';
import { quantile } from './quantile';

/** Below this many held-out anomalies an F-score-optimal threshold is one or two images' whim. */
export const minimumAnomaliesForFScoreThreshold = 3;
/** Fallback threshold = max normal score + this share of (max − median) of the held-out normal scores. */
export const normalFallbackMargin = 0.1;

export type { CalibrationWarning, ThresholdCalibration };

/**
 * The documented operating points (defined with the training request). `defects-first`, the default: the F2-optimal
 * threshold on the held-out scores (a missed defect weighs as four false alarms). `balanced`: the F1-optimal one (a
 * missed defect and a false alarm weigh alike). `no-miss`: just below the lowest held-out anomaly, so every held-out
 * anomaly is flagged; `heldOut.falseAlarmRate` says what that costs.
 */
export type { OperatingPoint };

/** The F-score each operating point optimises: `missWeight` = β², how many false alarms one missed anomaly weighs. */
const fScorePoints = {
  'defects-first': { missWeight: 4, method: 'f2-optimal' },
  balanced: { missWeight: 1, method: 'f1-optimal' },
} as const;

/**
 * Threshold from normal scores alone: just above the highest held-out normal score, by a margin that
 * scales with their spread so it does not depend on the units of the raw score. Unreliable on its own
 * (ml-baseline.md), hence only a fallback.
 */
export function normalScoreFallbackThreshold(heldOutNormalScores: readonly number[]): number {
  const highest = quantile(heldOutNormalScores, 1);
  const spread = highest - quantile(heldOutNormalScores, 0.5);
  // Equal scores have no spread; step by the score's own size (or 1 at zero) so the threshold stays above them.
  const step = spread > 0 ? spread : Math.abs(highest) > 0 ? Math.abs(highest) : 1;
  return highest + normalFallbackMargin * step;
}

/**
 * Pools the folds' held-out scores: each training image was scored once by a model that did not see it,
 * and pooling gives the threshold search every held-out anomaly instead of one fold's few.
 */
export function calibrateThreshold(
  heldOutFolds: readonly (readonly LabelledScore[])[],
  operatingPoint: OperatingPoint = defaultOperatingPoint,
): ThresholdCalibration {
  const pooled = heldOutFolds.flat();
  const normalScores = pooled.filter((image) => !image.anomalous).map((image) => image.score);
  const anomalousScores = pooled.filter((image) => image.anomalous).map((image) => image.score);
  if (normalScores.length === 0) throw new RangeError('Threshold calibration needs held-out normal images');

  const gap = anomalousScores.length >= minimumAnomaliesForFScoreThreshold ? operatingGap(pooled, anomalousScores, normalScores, operatingPoint) : null;
  const warnings: CalibrationWarning[] = [];
  if (!gap) warnings.push(anomalousScores.length < minimumAnomaliesForFScoreThreshold ? 'too-few-anomalies' : 'no-separating-threshold');
  const rawThreshold = gap ? gapMidpoint(gap.lower, gap.upper) : normalScoreFallbackThreshold(normalScores);
  const sweep = new ThresholdSweep(pooled);
  return {
    method: gap ? (operatingPoint === 'no-miss' ? 'no-miss' : fScorePoints[operatingPoint].method) : 'normal-score-fallback',
    rawThreshold,
    threshold: normalisedThreshold,
    normalisation: fitScoreNormalisation(rawThreshold, normalScores),
    warnings,
    heldOut: {
      ...sweep.summaryAt(rawThreshold),
      normalImages: normalScores.length,
      anomalousImages: anomalousScores.length,
      falseAlarmRate: sweep.countsAt(rawThreshold).falsePositives / normalScores.length,
    },
  };
}

/**
 * The gap between adjacent held-out scores the threshold goes in. `no-miss`: below the lowest anomaly, down to
 * the highest normal under it (or, when every normal scores at least as high, the lowest anomaly itself).
 * Null when no threshold separates anything.
 */
function operatingGap(pooled: readonly LabelledScore[], anomalousScores: readonly number[], normalScores: readonly number[], operatingPoint: OperatingPoint) {
  if (operatingPoint !== 'no-miss') return fScoreOptimalThreshold(pooled, fScorePoints[operatingPoint].missWeight)?.gap ?? null;
  const lowestAnomaly = Math.min(...anomalousScores);
  const normalsBelow = normalScores.filter((score) => score < lowestAnomaly);
  if (normalsBelow.length === 0) return new Set(pooled.map((image) => image.score)).size > 1 ? { lower: lowestAnomaly, upper: lowestAnomaly } : null;
  return { lower: Math.max(...normalsBelow), upper: lowestAnomaly };
}
