// Inputs, progress and results of training an anomaly model.
import type { TrainingEvaluation, TrainingTimings } from '../../../src/contracts/evaluation';
import type { Prediction } from '../../../src/contracts/prediction';
import type { DatasetSplit } from '../../../src/domain/split';
import type { ImageClass } from '../../../src/domain/types';
import type { OperatingPoint } from '../calibration';
import type { FeaturePooling, InspectionRegion, ModelMetadata, SegmentationLabel, SegmentationSummary } from '../../../src/contracts/modelMetadata';
import type { SegmentationHeadSchedule, TrainingStage } from '../../../src/contracts/trainingWorkerApi';
import type { FramedCopyTransforms } from '../augmentation/normalFraming';
import type { ort } from '../../ort';
import type { HeadExecutionProvider } from '../segmentation';

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

/** A training image without its pixels: what the stages after feature extraction read. */
export type ImageRecord = Omit<TrainingImage, 'rgb'>;

/**
 * A copy training makes of an image (a re-framed normal, a cell-shifted masked anomaly). It renders its pixels only
 * when feature extraction misses the cache, so the copies' pixels are made one at a time and dropped after their
 * extraction instead of all being held for the whole run.
 */
export interface DerivedImage extends ImageRecord {
  renderRgb(): Uint8Array;
}

/** Patch features depend only on the image content and the feature set (backbone and pooling: `featureSetKey`), hence this key. */
export interface FeatureCache {
  get(contentHash: string, featureSet: string): Float32Array | undefined | Promise<Float32Array | undefined>;
  set(contentHash: string, featureSet: string, features: Float32Array): void | Promise<void>;
}

export interface TrainingProgress {
  stage: TrainingStage;
  /** 0–100 within the stage. */
  percent: number;
  /** Stage `segmentation`: the head's epoch just finished (1-based) and its mean training loss. */
  epoch?: number;
  loss?: number;
}

export interface SegmentationHeadSettings extends SegmentationHeadSchedule {
  /** 'webgpu' when the worker found an adapter; wasm otherwise (and under Node). */
  executionProvider?: HeadExecutionProvider;
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
  /**
   * Which random draw of those copies (0, the app's, when absent). The bench's repeated cross-validation makes a
   * new draw per seed: on the same folds the draw alone moved the cookies' CV F1 0.979 → 0.923 (issue 13), more
   * than any change tried.
   */
  framedCopyDraw?: number;
  /**
   * The project's region of interest: every image is cropped to it inside the feature graph (training,
   * evaluation and the packaged model alike); absent = the whole picture.
   */
  region?: InspectionRegion;
  /** Where the trained threshold sits on the held-out scores; `defaultOperatingPoint` (F2-optimal) when absent. */
  operatingPoint?: OperatingPoint;
  /** Fixes the patch features' pooling instead of calibrating each and keeping the better (`choosePooling`). */
  featurePooling?: FeaturePooling;
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

/** One test image's prediction at the trained threshold, as the engine evaluated it. */
export interface PerImageResult extends Pick<Prediction, 'rawScore' | 'score' | 'isAnomalous' | 'confidence'> {
  id: string;
  actual: ImageClass;
  /** Segmentation models: the predicted label-index mask at the project size (what the packaged model outputs). */
  predictedMask?: Uint8Array;
}

export type { TrainingEvaluation, TrainingTimings };

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
