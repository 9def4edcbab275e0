// Whether a detected picture lies far outside anything the model was shown (issue 15: an alien photo in the
// flange project must not get a verdict without a word). Defined once here, on the 0–1 `anomaly_score`:
// scores are compared in logit units, where they are linear in the raw kNN distance to the memory bank's
// nearest normal patches (workers/engine/calibration/normalisation.ts: score = σ((raw − c) / s)), so "far"
// means a fixed number of normalisation spreads, whatever the model.

import { scoreLogit } from './scoreLogit';

/** The normalisation puts the median held-out normal at 0.1 and the threshold at 0.5: ln 9 logit units apart. */
const normalisationSpreadLogit = Math.log(9);
/** How many of those spreads above the highest-scoring test image (normal or anomalous) a picture must score. */
export const outsideTrainingMarginSpreads = 2;

/**
 * The logit of the score above which a picture is far outside what the model saw: the highest test-split
 * score raised by `outsideTrainingMarginSpreads` normalisation spreads. Null without test scores (nothing to
 * compare with). In logits, because the scores themselves saturate at 1.
 */
export function outsideTrainingLimit(testScores: readonly number[]): number | null {
  if (testScores.length === 0) return null;
  return Math.max(...testScores.map(scoreLogit)) + outsideTrainingMarginSpreads * normalisationSpreadLogit;
}

export function isOutsideTraining(score: number, limit: number | null): boolean {
  return limit !== null && scoreLogit(score) > limit;
}
