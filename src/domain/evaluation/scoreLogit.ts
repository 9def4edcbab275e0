// The logit of a 0–1 `anomaly_score`: since the score is σ((raw − c) / s) (workers/engine/calibration/
// normalisation.ts), its logit is linear in the raw kNN distance, the unit in which confidence and "far outside
// training" measure how far a score lies from the threshold or from what the model was shown.

/** float32 scores reach 0 and 1 exactly; clamped so that their logits stay finite and ordered. */
const scoreClamp = 1e-12;

export function scoreLogit(score: number): number {
  const clamped = Math.min(Math.max(score, scoreClamp), 1 - scoreClamp);
  return Math.log(clamped / (1 - clamped));
}
