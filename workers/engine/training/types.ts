// Inputs, progress and results of training an anomaly model.
import type { DatasetSplit } from '../../../src/domain/split';
import type { ImageClass } from '../../../src/domain/types';
import type { ImageMetrics } from '../../../src/domain/metrics';
import type { ConfidenceCalibration, ThresholdCalibration } from '../calibration';
import type { ModelMetadata } from '../packaging/metadata';
import type { ort } from '../../ort';

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

export type TrainingStage = 'features' | 'memory-bank' | 'calibration' | 'evaluation' | 'packaging';

export interface TrainingProgress {
  stage: TrainingStage;
  /** 0–100 within the stage. */
  percent: number;
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
  /** Folds of the threshold cross-validation within the training part; see `defaultCalibrationFolds`. */
  calibrationFolds?: number;
  onProgress?: (progress: TrainingProgress) => void;
  signal?: AbortSignal;
  featureCache?: FeatureCache;
  sessionOptions?: ort.InferenceSession.SessionOptions;
}

export interface PerImageResult {
  id: string;
  actual: ImageClass;
  rawScore: number;
  /** Normalised 0–1 `anomaly_score`. */
  score: number;
  isAnomalous: boolean;
  confidence: number;
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
}

export interface TrainingTimings {
  featuresMs: number;
  memoryBankMs: number;
  calibrationMs: number;
  evaluationMs: number;
  packagingMs: number;
  totalMs: number;
}

export interface TrainingResult {
  modelBytes: Uint8Array;
  metadata: ModelMetadata;
  evaluation: TrainingEvaluation;
  /** Test images, in split order. */
  perImage: PerImageResult[];
  timings: TrainingTimings;
}
