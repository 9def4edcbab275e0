// The stored evaluation record: a trained version's `evaluation.json`, written by training (workers/training)
// and read by the model views through storage, which checks its `formatVersion` on read (an older format is
// migrated, an unknown one refused with a message). Raise `evaluationFormatVersion` with every change of
// shape and teach src/storage/storedEvaluationFormat.ts to read the previous one.
import type { ClassificationSummary, ConfidenceCalibration, ImageClass, ImageMetrics, PixelLabelMetrics } from './metrics';
import type { SegmentationSummary } from './modelMetadata';
import type { StoredPrediction } from './prediction';

/** 1: per-image scores flat on each test image, no format field. 2: each test image holds a `StoredPrediction`. */
export const evaluationFormatVersion = 2;

/** Maps raw backbone distances onto the 0–1 score: σ((raw − centre) / scale). */
export interface ScoreNormalisation {
  centre: number;
  scale: number;
}

export type CalibrationWarning =
  /** Too few held-out anomalies for an F1-optimal threshold: threshold from normal scores only. */
  | 'too-few-anomalies'
  /** Every held-out score is the same, so no threshold separates anything: normal-score fallback. */
  | 'no-separating-threshold';

export interface ThresholdCalibration {
  method: 'f2-optimal' | 'f1-optimal' | 'no-miss' | 'normal-score-fallback';
  rawThreshold: number;
  /** Always the normalised threshold (0.5): the normalisation is built around the raw threshold. */
  threshold: number;
  normalisation: ScoreNormalisation;
  warnings: CalibrationWarning[];
  /** Image-level results on the pooled held-out scores at the raw threshold (IsAnomalous = score ≥ threshold). */
  heldOut: ClassificationSummary & { normalImages: number; anomalousImages: number; falseAlarmRate: number };
}

export interface TrainingEvaluation {
  /** At the trained (normalised) threshold, on the test part. */
  image: ImageMetrics;
  trainingImages: number;
  testingImages: number;
  calibration: ThresholdCalibration;
  confidence: ConfidenceCalibration;
  /** ISO 8601 UTC, for EvaluationResult's EvaluationEndTimestamp. */
  evaluatedAt: string;
  /** Segmentation models: spec §6 pixel metrics per anomaly label on the test part, in label order. */
  perLabel?: PixelLabelMetrics[];
}

export interface TrainingTimings {
  featuresMs: number;
  memoryBankMs: number;
  calibrationMs: number;
  evaluationMs: number;
  packagingMs: number;
  /** Segmentation models: head training, threshold tuning and test masks. */
  segmentationMs?: number;
  totalMs: number;
}

/** One test image: its entry, its true class and the model's prediction (its mask is a separate artifact). */
export interface TestImageResult {
  entryId: string;
  actual: ImageClass;
  prediction: StoredPrediction;
}

export interface StoredEvaluation {
  formatVersion: typeof evaluationFormatVersion;
  evaluation: TrainingEvaluation;
  /** The test images in split order. */
  perImage: TestImageResult[];
  segmentation?: SegmentationSummary;
  /** Milliseconds per engine stage (decoding and storage not included). */
  timings: TrainingTimings;
}
