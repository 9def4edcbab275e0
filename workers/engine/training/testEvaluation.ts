// The trained model judged on the split's test part: normalised scores, verdicts at the trained threshold,
// confidences fitted on these scores, and the image metrics the evaluation reports.
import type { LabelledScore } from '../../../src/domain/metrics';
import { confidenceOf, fitConfidence, normaliseScore } from '../calibration';
import type { ConfidenceCalibration, ThresholdCalibration } from '../calibration';
import type { PerImageResult, TrainingImage } from './types';

export interface TestEvaluation {
  labelled: LabelledScore[];
  confidence: ConfidenceCalibration;
  perImage: PerImageResult[];
}

export async function evaluateTestImages(
  test: readonly TrainingImage[],
  rawScoreOf: (image: TrainingImage) => Promise<number>,
  calibration: ThresholdCalibration,
  onImageDone: (done: number) => void,
  signal?: AbortSignal,
): Promise<TestEvaluation> {
  const testScores: { image: TrainingImage; rawScore: number; score: number }[] = [];
  for (const [index, image] of test.entries()) {
    signal?.throwIfAborted();
    const rawScore = await rawScoreOf(image);
    testScores.push({ image, rawScore, score: normaliseScore(rawScore, calibration.normalisation) });
    onImageDone(index + 1);
  }
  const labelled = testScores.map(({ image, score }) => ({ score, anomalous: image.classification === 'anomaly' }));
  const confidence = fitConfidence(labelled, calibration.threshold);
  const perImage: PerImageResult[] = testScores.map(({ image, rawScore, score }) => ({
    id: image.id,
    actual: image.classification,
    rawScore,
    score,
    isAnomalous: score >= calibration.threshold,
    confidence: confidenceOf(score, calibration.threshold, confidence),
  }));
  return { labelled, confidence, perImage };
}
