// The shapes of spec §6 figures as stored records carry them (evaluation.json, model performance) and every
// layer reads them: image-level counts and summaries, pixel metrics per label, the confidence calibration.
// The functions that compute them live in src/domain/metrics and src/domain/evaluation.

export type ImageClass = 'normal' | 'anomaly';

export interface ConfusionCounts {
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
}

export interface ClassificationSummary {
  precision: number;
  recall: number;
  f1: number;
}

export interface ImageMetrics extends ClassificationSummary {
  threshold: number;
  counts: ConfusionCounts;
  /** Null when the test set lacks anomalous or normal images. */
  rocAuc: number | null;
  /** Null when the test set has no anomalous image. */
  averagePrecision: number | null;
}

export interface PixelLabelMetrics extends ClassificationSummary {
  labelIndex: number;
  name: string;
  truePositivePixels: number;
  falsePositivePixels: number;
  falseNegativePixels: number;
  /** Mean per-image IoU over the images where the label occurs in ground truth or prediction; 0 if none. */
  meanIoU: number;
  /** Images whose ground-truth mask contains the label (spec §6 "Test images"). */
  testImages: number;
}

/** Confidence = σ(slope · |logit(anomaly_score) − logit(threshold)|) (spec §4.1, src/domain/evaluation/confidence.ts). */
export interface ConfidenceCalibration {
  slope: number;
}
