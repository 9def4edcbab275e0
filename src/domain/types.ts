// The records Spotcheck keeps, shared by the UI, the storage layer and the workers.
// Field names follow ../shared/spec/lookout-compat.md §1 where the spec names them.
import type { ImageSize, InspectionRegion, ModelType } from '../contracts/modelMetadata';
import type { ImageClass } from '../contracts/metrics';
import type { StoredPrediction } from '../contracts/prediction';
import type { ImportCheck } from '../contracts/importCheck';
import type { ValidationIssue } from './rules/issues';

// Records embed these contract types; domain code keeps importing them from here.
export type { ImageSize, ModelType } from '../contracts/modelMetadata';
export type { ImageClass } from '../contracts/metrics';

export type DatasetType = 'train' | 'test';

export type DatasetStatus =
  | 'CREATE_IN_PROGRESS'
  | 'CREATE_COMPLETE'
  | 'CREATE_FAILED'
  | 'UPDATE_IN_PROGRESS'
  | 'UPDATE_COMPLETE'
  | 'UPDATE_FAILED_ROLLBACK_IN_PROGRESS'
  | 'UPDATE_FAILED_ROLLBACK_COMPLETE';

export type ModelVersionStatus = 'TRAINING' | 'TRAINED' | 'TRAINING_FAILED' | 'STARTING_HOSTING' | 'HOSTED' | 'HOSTING_FAILED' | 'STOPPING_HOSTING';

export interface Project {
  id: string;
  name: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  /** Set by the first image added to the project (spec §5, same dimensions). */
  imageSize: ImageSize | null;
  modelType: ModelType | null;
  /** The region of interest every model of the project inspects (src/domain/inspectionRegion.ts); absent = the whole picture. */
  region?: InspectionRegion;
}

export interface ImageStats {
  Total: number;
  Labeled: number;
  Normal: number;
  Anomaly: number;
}

export interface Dataset {
  id: string;
  projectId: string;
  type: DatasetType;
  status: DatasetStatus;
  statusMessage: string;
  createdAt: string;
  imageStats: ImageStats;
}

export interface DatasetEntry {
  id: string;
  datasetId: string;
  projectId: string;
  /** Identity inside a dataset (spec §1). */
  sourceRef: string;
  /** Key of the image Blob in the `images` store. */
  imageId: string;
  /** Hex SHA-256 of the image bytes, for duplicate detection; absent on entries stored before schema v3. */
  contentHash?: string;
  width: number;
  height: number;
  classification: ImageClass | null;
  humanAnnotated: boolean;
  createdAt: string;
  jobName: string;
  /** Label ids present in the mask; empty when there is no mask. */
  anomalyLabelIds: string[];
  /** Key of the mask Blob (8-bit label-index PNG) in the `masks` store, or null. */
  maskId: string | null;
}

export interface AnomalyLabel {
  id: string;
  projectId: string;
  name: string;
  /** `#rrggbb`, lower case. */
  color: string;
  /** Value written in label-index masks; 0 is BACKGROUND and never stored as a label. */
  index: number;
}

export interface ModelTag {
  Key: string;
  Value: string;
}

export interface ModelVersion {
  id: string;
  projectId: string;
  version: number;
  status: ModelVersionStatus;
  statusMessage: string;
  createdAt: string;
  description: string;
  tags: ModelTag[];
  modelType: ModelType;
  /** Spec §6 image-level figures on the test part, at the trained threshold; set with TRAINED. */
  performance?: ModelPerformance;
  /** The normalised threshold detection uses now (the user may move it, spec §9). */
  anomalyThreshold?: number;
  /** The threshold training calibrated; never changed afterwards. */
  trainedAnomalyThreshold?: number;
  /** Entry ids of the train and test parts, and the seed of a single dataset's split (spec §1.1). */
  split?: ModelVersionSplit;
  /** The request that created this version; the same key again returns it instead of a second run. */
  idempotencyKey?: string;
  /** Backbone registry id the model was trained with. */
  backbone?: string;
  /** Wall time of the training run, set with TRAINED. */
  trainingDurationMs?: number;
  /** An imported package's re-run on its test images (spec §9 item 4); a mismatch refuses the start. */
  importCheck?: ImportCheck;
}

export interface ModelVersionSplit {
  /** Seed of the stratified split of a single dataset; also seeds the training itself. */
  seed: number;
  /** True when the project has separate train and test datasets, taken as given (no split drawn). */
  fromDatasets?: boolean;
  trainIds: string[];
  testIds: string[];
}

/** Spec §3.4 Performance plus the §6 figures the model views show. Ratios 0–1. */
export interface ModelPerformance {
  precision: number;
  recall: number;
  f1: number;
  /** Null when the test part lacks anomalous or normal images. */
  auroc: number | null;
  /** Null when the test part has no anomalous image. */
  ap: number | null;
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
  trainingImages: number;
  testingImages: number;
}

export interface TrialJob {
  id: string;
  projectId: string;
  name: string;
  modelVersion: number;
  /** STOPPED: cancelled, or interrupted by a closed tab; it can be resumed like a FAILED one. */
  status: 'RUNNING' | 'COMPLETED' | 'FAILED' | 'STOPPED';
  createdAt: string;
  /** The ModelVersion record the job detects with. */
  modelVersionId: string;
  /** Why the job failed or stopped; empty otherwise. */
  statusMessage: string;
  imageCount: number;
  /** The chosen files that were not judged, each with why (not an image, another size left out, …); absent on older jobs. */
  leftOut?: ValidationIssue[];
}

export interface DetectionEvent {
  id?: number;
  projectId: string;
  /** Epoch milliseconds, for range queries. */
  timestampMs: number;
  modelVersion: number;
  source: 'camera' | 'file';
  isAnomalous: boolean;
  confidence: number;
  anomalyScore: number;
  labelAreas: { label: string; area: number }[];
  latencyMs: number;
  invalid: string | null;
}

/** One image of a trial detection job; the trial feature adds its prediction and verification fields. */
export interface TrialResult {
  id: string;
  jobId: string;
  projectId: string;
  /** Key of the tested image Blob in the `images` store (its thumbnail shares the key). */
  imageId: string;
  /** Key of the mask Blob in the `masks` store: the predicted one, or the corrected one once `correction` is set. */
  maskId: string | null;
  /** 0-based order within the job. */
  position: number;
  /** The file's path as picked (folder included). */
  fileName: string;
  /** Hex SHA-256 of the image bytes, for de-duplication when added to a dataset. */
  contentHash: string;
  width: number;
  height: number;
  /** Null until the image has been judged. */
  prediction: TrialPrediction | null;
  /** Why this image could not be judged (it is skipped, not retried). */
  error: string | null;
  verification: 'correct' | 'incorrect' | null;
  /** The label fixed in the annotation tool; `maskId` then holds its mask. */
  correction: { classification: ImageClass; labelIds: string[] } | null;
  /** Set once the verified image went into a dataset. */
  addedToDatasetId: string | null;
}

/**
 * One trial detection as stored: the prediction without its raw score and pixels (the label-index mask is
 * the result's `maskId` in `masks`), plus what the trial views filter on.
 */
export interface TrialPrediction extends Omit<StoredPrediction, 'rawScore'> {
  /** Project label ids present in the predicted mask. */
  labelIds: string[];
  latencyMs: number;
}
