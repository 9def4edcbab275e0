// Inputs, progress and results of training an anomaly model.
import type { DatasetSplit } from '../../../src/domain/split';
import type { ImageClass } from '../../../src/domain/types';
import type { ImageMetrics, PixelLabelMetrics } from '../../../src/domain/metrics';
import type { ConfidenceCalibration, OperatingPoint, ThresholdCalibration } from '../calibration';
import type { FramedCopyTransforms } from '../augmentation/normalFraming';
import type { ModelMetadata } from '../packaging/metadata';
import type { ort } from '../../ort';
import type { SegmentationHeadSettings, SegmentationSummary } from './segmentationStage';

export interface TrainingImage {
  id: string;
  /** The feature cache key (the image's content hash); the id when absent. */
  contentHash?: string;
  /** Packed RGB888, width × height × 3 bytes, at the project size. */
  rgb: Uint8Array;
  width: number;
  height: number;
  classification: ImageClass;
  /** Label index per pixel (0 = background). Read by the segmentation head, not by classification. */
  mask?: Uint8Array;
}

/** Patch features depend only on the image content and the backbone, hence this key. */
export interface FeatureCache {
  get(contentHash: string, backboneId: string): Float32Array | undefined | Promise<Float32Array | undefined>;
  set(contentHash: string, backboneId: string, features: Float32Array): void | Promise<void>;
}

export type TrainingStage = 'features' | 'memory-bank' | 'calibration' | 'segmentation' | 'evaluation' | 'packaging';

export interface TrainingProgress {
  stage: TrainingStage;
  /** 0–100 within the stage. */
  percent: number;
  /** Stage `segmentation`: the head's epoch just finished (1-based) and its mean training loss. */
  epoch?: number;
  loss?: number;
}

/** A project anomaly label: `index` is its value in label-index masks (0 is the background). */
export interface SegmentationLabel {
  name: string;
  /** `#rrggbb` as the project stores it. */
  color: string;
  index: number;
}

export interface TrainOptions {
  images: readonly TrainingImage[];
  split: Pick<DatasetSplit, 'seed' | 'trainIds' | 'testIds'>;
  backboneId: string;
  /** The converted backbone ONNX (`/models/<id>.onnx` in the app, convertBackbone() under Node). */
  backboneModel: Uint8Array;
  seed: number;
  /** Share of normal training patches kept in the memory bank; see `defaultCoresetRatio`. */
  coresetRatio?: number;
  /** Re-framed copies per normal training image offered to the bank's coreset; see `defaultFramedCopies`. */
  framedCopies?: number;
  /** What those copies vary; see `defaultFramedCopyTransforms`. */
  framedCopyTransforms?: FramedCopyTransforms;
  /** Where the trained threshold sits on the held-out scores; 'balanced' (F1-optimal) by default. */
  operatingPoint?: OperatingPoint;
  /** Folds of the threshold cross-validation within the training part; see `defaultCalibrationFolds`. */
  calibrationFolds?: number;
  onProgress?: (progress: TrainingProgress) => void;
  signal?: AbortSignal;
  featureCache?: FeatureCache;
  sessionOptions?: ort.InferenceSession.SessionOptions;
  /**
   * The project's anomaly labels. Given (non-empty) with masks on the anomalous training images, the model
   * is a segmentation model (spec §1.3); otherwise classification.
   */
  labels?: readonly SegmentationLabel[];
  segmentation?: SegmentationHeadSettings;
}

export interface PerImageResult {
  id: string;
  actual: ImageClass;
  rawScore: number;
  /** Normalised 0–1 `anomaly_score`. */
  score: number;
  isAnomalous: boolean;
  confidence: number;
  /** Segmentation models: the predicted label-index mask at the project size (what the packaged model outputs). */
  predictedMask?: Uint8Array;
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

export interface TrainingResult {
  modelBytes: Uint8Array;
  metadata: ModelMetadata;
  evaluation: TrainingEvaluation;
  /** Test images, in split order. */
  perImage: PerImageResult[];
  timings: TrainingTimings;
  /** Segmentation models: how the head was trained and the tuned mask threshold. */
  segmentation?: SegmentationSummary;
}
