// Fitting the slope of spec §4.1 `Confidence` (src/domain/evaluation/confidence.ts): the probability of the
// predicted class under a logistic model P(anomalous | score) = σ(slope · (logit(score) − logit(threshold)))
// whose slope is fitted on the test split (Platt scaling of the raw distance). Not part of the ONNX graph: the
// threshold in effect may be saved later, so detection applies it in JS.
import { confidenceOf, distanceFromThreshold, type ConfidenceCalibration } from '../../../src/domain/evaluation/confidence';
import type { LabelledScore } from '../../../src/domain/metrics';

export { confidenceOf, type ConfidenceCalibration };

/** Bisection steps on the slope; 200 halvings reach double precision from any bracket. */
const maximumBisectionSteps = 200;

/**
 * Maximum-likelihood slope with the logistic centred on the threshold, so the confidence agrees with
 * `IsAnomalous`. Platt's smoothed targets ((N₊ + 1) / (N₊ + 2) for anomalous, 1 / (N₋ + 2) for normal images)
 * keep the slope finite when the test split is perfectly separated. Scores that rank the wrong way give
 * slope 0, i.e. confidence 0.5 everywhere.
 */
export function fitConfidence(images: readonly LabelledScore[], threshold: number): ConfidenceCalibration {
  const anomalousCount = images.filter((image) => image.anomalous).length;
  const normalCount = images.length - anomalousCount;
  const anomalousTarget = (anomalousCount + 1) / (anomalousCount + 2);
  const normalTarget = 1 / (normalCount + 2);
  // The log-likelihood is concave in the slope; its derivative falls from `gradient(0)` and crosses zero once.
  const gradient = (slope: number): number => {
    let sum = 0;
    for (const image of images) {
      const offset = distanceFromThreshold(image.score, threshold);
      sum += offset * ((image.anomalous ? anomalousTarget : normalTarget) - 1 / (1 + Math.exp(-slope * offset)));
    }
    return sum;
  };
  if (!(gradient(0) > 0)) return { slope: 0 };
  let low = 0;
  let high = 1;
  while (gradient(high) > 0) {
    low = high;
    high *= 2;
  }
  for (let step = 0; step < maximumBisectionSteps && high - low > Number.EPSILON * high; step += 1) {
    const middle = (low + high) / 2;
    if (gradient(middle) > 0) low = middle;
    else high = middle;
  }
  return { slope: (low + high) / 2 };
}
