// Raw kNN distance scores → 0–1 anomaly scores (spec §4.1 `anomaly_score`), as a logistic that puts the
// calibrated raw threshold at exactly 0.5 and the median held-out normal score at 0.1.
// In the ONNX graph: Sigmoid(Div(Sub(raw, centre), scale)).
import type { ScoreNormalisation } from '../../../src/contracts/evaluation';
import { quantile } from './quantile';

/** normalised = 1 / (1 + exp(−(raw − centre) / scale)); strictly increasing, so rankings and AUC are kept. */
export type { ScoreNormalisation };

/** The trained `anomaly_threshold` in normalised units: the image of the raw threshold. */
export const normalisedThreshold = 0.5;
/** Where the typical (median) held-out normal image lands: ln 9 scale units below the threshold. */
export const typicalNormalScore = 0.1;
const logitOfTypicalNormal = Math.log(typicalNormalScore / (1 - typicalNormalScore));

export function normaliseScore(raw: number, normalisation: ScoreNormalisation): number {
  return 1 / (1 + Math.exp(-(raw - normalisation.centre) / normalisation.scale));
}

/**
 * Fitted on held-out normal scores. When the threshold is not above the median normal score (a weak
 * model), the interquartile range sets the scale instead; when every normal score is equal, one raw unit.
 */
export function fitScoreNormalisation(rawThreshold: number, heldOutNormalScores: readonly number[]): ScoreNormalisation {
  const median = quantile(heldOutNormalScores, 0.5);
  const interquartileRange = quantile(heldOutNormalScores, 0.75) - quantile(heldOutNormalScores, 0.25);
  const spread = rawThreshold > median ? rawThreshold - median : interquartileRange > 0 ? interquartileRange : 1;
  return { centre: rawThreshold, scale: spread / -logitOfTypicalNormal };
}
