// Whether a detected picture lies far outside anything the model was shown (issue 15: an alien photo in the
// flange project must not get a verdict without a word). Defined once here, on the raw kNN distance to the
// memory bank's nearest normal patches (`rawScore`), not on the 0–1 `anomaly_score`: the score is
// σ((raw − c) / s) in float32 (workers/engine/calibration/normalisation.ts), which reaches 1 − 6e-8 or 1 for
// a clear anomaly, and a saturated test image then left no score beyond it. "Far" is a fixed number of
// normalisation spreads, whatever the model.

import type { ModelMetadata } from '../../contracts/modelMetadata';

/** The normalisation puts the median held-out normal at 0.1 and the threshold at 0.5: ln 9 scale units apart. */
const normalisationSpreadScaleUnits = Math.log(9);
/** How many of those spreads above the highest-scoring test image (normal or anomalous) a picture must score. */
export const outsideTrainingMarginSpreads = 2;

/**
 * The raw score above which a picture is far outside what the model saw: the highest test-split raw score
 * raised by `outsideTrainingMarginSpreads` normalisation spreads (ln 9 · s raw units each). Null without test
 * scores (nothing to compare with).
 */
export function outsideTrainingLimit(testRawScores: readonly number[], normalisation: ModelMetadata['normalisation']): number | null {
  if (testRawScores.length === 0) return null;
  return Math.max(...testRawScores) + outsideTrainingMarginSpreads * normalisationSpreadScaleUnits * normalisation.s;
}

export function isOutsideTraining(rawScore: number, limit: number | null): boolean {
  return limit !== null && rawScore > limit;
}
