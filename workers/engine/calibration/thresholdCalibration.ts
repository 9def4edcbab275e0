// The image decision of a trained model: the raw threshold from cross-validated held-out scores
// (F1-optimal, or a normal-score fallback with a warning when anomalies are too few) and the
// normalisation that maps it to 0.5. Raw threshold, normalised scores and threshold are all kept.
import { type ClassificationSummary, type LabelledScore, ThresholdSweep } from '../../../src/domain/metrics';
import { f1OptimalThreshold } from './f1Threshold';
import { fitScoreNormalisation, normalisedThreshold, type ScoreNormalisation } from './normalisation';
import { quantile } from './quantile';

/** Below this many held-out anomalies an F1-optimal threshold is one or two images' whim. */
export const minimumAnomaliesForF1Threshold = 3;
/** Fallback threshold = max normal score + this share of (max − median) of the held-out normal scores. */
export const normalFallbackMargin = 0.1;

export type CalibrationWarning =
  /** Fewer than `minimumAnomaliesForF1Threshold` held-out anomalies: threshold from normal scores only. */
  | 'too-few-anomalies'
  /** Every held-out score is the same, so no threshold separates anything: normal-score fallback. */
  | 'no-separating-threshold';

export interface ThresholdCalibration {
  method: 'f1-optimal' | 'normal-score-fallback';
  rawThreshold: number;
  /** Always `normalisedThreshold` (0.5): the normalisation is built around the raw threshold. */
  threshold: number;
  normalisation: ScoreNormalisation;
  warnings: CalibrationWarning[];
  /** Image-level results on the pooled held-out scores at the raw threshold (IsAnomalous = score ≥ threshold). */
  heldOut: ClassificationSummary & { normalImages: number; anomalousImages: number };
}

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
 * and pooling gives the F1 search every held-out anomaly instead of one fold's few.
 */
export function calibrateThreshold(heldOutFolds: readonly (readonly LabelledScore[])[]): ThresholdCalibration {
  const pooled = heldOutFolds.flat();
  const normalScores = pooled.filter((image) => !image.anomalous).map((image) => image.score);
  const anomalousImages = pooled.length - normalScores.length;
  if (normalScores.length === 0) throw new RangeError('Threshold calibration needs held-out normal images');

  const optimal = anomalousImages >= minimumAnomaliesForF1Threshold ? f1OptimalThreshold(pooled) : null;
  const warnings: CalibrationWarning[] = [];
  if (!optimal) warnings.push(anomalousImages < minimumAnomaliesForF1Threshold ? 'too-few-anomalies' : 'no-separating-threshold');
  const rawThreshold = optimal ? optimal.threshold : normalScoreFallbackThreshold(normalScores);
  return {
    method: optimal ? 'f1-optimal' : 'normal-score-fallback',
    rawThreshold,
    threshold: normalisedThreshold,
    normalisation: fitScoreNormalisation(rawThreshold, normalScores),
    warnings,
    heldOut: { ...new ThresholdSweep(pooled).summaryAt(rawThreshold), normalImages: normalScores.length, anomalousImages },
  };
}
