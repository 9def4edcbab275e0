// What a packaged model says about itself: the JSON metadata file that travels with the ONNX file (and is
// mirrored in its metadata_props), with the label, size and training-summary shapes it is built from.
// Written by the training engine, checked on package import, stored with the version and read by the
// runtime, the views and exports; the functions that build it stay in workers/engine/packaging/metadata.ts.

export type ModelType = 'classification' | 'segmentation';

export interface ImageSize {
  width: number;
  height: number;
}

/**
 * The project's region of interest: the part of every project-size picture the model looks at, as fractions
 * of the picture's width and height (x, y = top-left corner). Absent = the whole picture. Turned into pixels
 * by one rule (src/domain/inspectionRegion.ts) for training, evaluation, the packaged graph and the camera.
 */
export interface InspectionRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A project anomaly label: `index` is its value in label-index masks (0 is the background). */
export interface SegmentationLabel {
  name: string;
  /** `#rrggbb` as the project stores it. */
  color: string;
  index: number;
}

export interface SegmentationSummary {
  hiddenUnits: number;
  epochs: number;
  bestEpoch: number;
  learningRate: number;
  minAnomalyCoverage: number;
  validationImages: number;
  maskProbabilityThreshold: number;
  /** Mean over labels of the validation images' mean IoU at that threshold; null without held-out anomalies. */
  validationMeanIoU: number | null;
  /** The rest of the head's schedule, and the cell-shifted copies per masked image it learnt from; absent in models trained before they were recorded. */
  weightDecay?: number;
  batchSize?: number;
  cellShiftedCopies?: number;
}

/**
 * Which backbone maps get the 3 × 3 neighbourhood average before their patches are stacked: every map
 * (PatchCore's), or the finest (stride-8) map only, each coarser cell kept as it is. Training calibrates both and
 * keeps the one with the higher held-out F1; models trained before the choice existed pool every map.
 */
export type FeaturePooling = 'every-map' | 'finest-map-only';

/** Bump when a reader of older metadata would misread the new one. */
export const modelFormatVersion = 1;

export interface TrainingSummary {
  trainingImages: { normal: number; anomaly: number };
  testingImages: { normal: number; anomaly: number };
  splitSeed: number;
  coresetRatio: number;
  bankSize: number;
  calibrationFolds: number;
  /** 'f2-optimal' (defects first), 'f1-optimal' (balanced), 'no-miss', or the documented normal-score fallback. */
  thresholdMethod: string;
  rawThreshold: number;
  /** The patch features the packaged graph computes; absent in models from before the choice = 'every-map'. */
  featurePooling?: FeaturePooling;
  warnings: string[];
  trainedAt: string;
  /** Segmentation models: the head's training and the mask threshold baked into the graph. */
  segmentation?: SegmentationSummary;
}

export interface ModelMetadata {
  formatVersion: number;
  modelType: ModelType;
  backbone: string;
  inputSize: ImageSize;
  inputFormat: 'RGB888';
  /**
   * The region of the input the graph crops before everything else (absent = the whole input); the score,
   * `anomaly_map` and the head look at it alone, `anomaly_mask` is 0 outside it.
   */
  region?: InspectionRegion;
  /** Normalised `anomaly_threshold`; IsAnomalous = anomaly_score ≥ threshold. */
  threshold: number;
  /** Confidence = σ(confidenceSlope · |logit(anomaly_score) − logit(threshold)|) (spec §4.1, src/domain/evaluation/confidence.ts). */
  confidenceSlope: number;
  /** anomaly_score = σ((raw − c) / s); the graph applies it already. */
  normalisation: { c: number; s: number };
  /** Anomaly labels in head-class order, with their mask index (segmentation models; empty for classification). */
  labels: SegmentationLabel[];
  training: TrainingSummary;
  /** Lower-case hex SHA-256 of the ONNX bytes. */
  sha256: string;
}
