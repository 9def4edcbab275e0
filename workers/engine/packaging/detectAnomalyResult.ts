// Spec §4.1 `DetectAnomalyResult`: the serialisation of a `Prediction` at the edges only (JSON downloads,
// exports, the compat API). Everything inside Spotcheck carries the `Prediction` itself.
import type { Prediction } from '../../../src/contracts/prediction';
import type { SegmentationLabel } from '../../../src/contracts/modelMetadata';
import { segmentationFields, type PixelAnomaly } from './segmentationResult';

export interface DetectAnomalyResult {
  Source: { Type: 'direct' };
  IsAnomalous: boolean;
  Confidence: number;
  /** Segmentation models only: background first, then each label with pixels. */
  Anomalies?: PixelAnomaly[];
  /** Segmentation models only: base64 PNG at the input size, labels in their colours on white. */
  AnomalyMask?: string;
  anomaly_score: number;
  anomaly_threshold: number;
}

/** `labels`: the labels to name and colour the mask's indices with (the model's, or the project's current ones). */
export function toDetectAnomalyResult(prediction: Prediction, labels: readonly SegmentationLabel[]): DetectAnomalyResult {
  const { labelMask } = prediction;
  return {
    Source: { Type: 'direct' },
    IsAnomalous: prediction.isAnomalous,
    Confidence: prediction.confidence,
    ...(labelMask ? segmentationFields(labelMask.indices, labelMask.width, labelMask.height, labels) : {}),
    anomaly_score: prediction.score,
    anomaly_threshold: prediction.threshold,
  };
}
