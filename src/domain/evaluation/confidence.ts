// `Confidence` of spec §4.1: Confidence = σ(slope · |logit(score) − logit(threshold)|), 0.5 at the threshold and
// rising with the distance from it on either side. Measured in logits of the score, i.e. in raw kNN distance
// (scoreLogit.ts), so a score of 1.000 is near certain and a wrong verdict just across the threshold is not, where
// ever the threshold was saved. Detection, training and the threshold preview all decide it here; the slope is
// fitted on the test split by the engine (workers/engine/calibration/confidence.ts).

import type { ConfidenceCalibration } from '../../contracts/metrics';
import { scoreLogit } from './scoreLogit';

export type { ConfidenceCalibration };

/** The score's signed distance from the threshold in the unit confidence is measured in (fitted and applied alike). */
export function distanceFromThreshold(score: number, threshold: number): number {
  return scoreLogit(score) - scoreLogit(threshold);
}

export function confidenceOf(score: number, threshold: number, calibration: ConfidenceCalibration): number {
  return 1 / (1 + Math.exp(-calibration.slope * Math.abs(distanceFromThreshold(score, threshold))));
}
