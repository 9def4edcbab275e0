// The JSON metadata file that travels with a packaged model (and is mirrored in its ONNX metadata_props):
// what the model takes, how its score is normalised and decided, how it was trained, and the ONNX hash.
import type { ImageSize } from '../features/featureGraph';
import type { ScoreNormalisation } from '../calibration';
import type { ModelType } from '../../../src/domain/types';
import type { SegmentationLabel } from '../training/types';
import type { SegmentationSummary } from '../training/segmentationStage';

/** Bump when a reader of older metadata would misread the new one. */
export const modelFormatVersion = 1;

export interface TrainingSummary {
  trainingImages: { normal: number; anomaly: number };
  testingImages: { normal: number; anomaly: number };
  splitSeed: number;
  coresetRatio: number;
  bankSize: number;
  calibrationFolds: number;
  /** 'f1-optimal' (balanced operating point), 'no-miss', or the documented normal-score fallback. */
  thresholdMethod: string;
  rawThreshold: number;
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
  /** Normalised `anomaly_threshold`; IsAnomalous = anomaly_score ≥ threshold. */
  threshold: number;
  /** Confidence = σ(confidenceSlope · |anomaly_score − threshold|) (spec §4.1). */
  confidenceSlope: number;
  /** anomaly_score = σ((raw − c) / s); the graph applies it already. */
  normalisation: { c: number; s: number };
  /** Anomaly labels in head-class order, with their mask index (segmentation models; empty for classification). */
  labels: SegmentationLabel[];
  training: TrainingSummary;
  /** Lower-case hex SHA-256 of the ONNX bytes. */
  sha256: string;
}

export type ModelMetadataFields = Omit<ModelMetadata, 'formatVersion' | 'sha256' | 'normalisation'> & { normalisation: ScoreNormalisation };

/** The metadata_props copy inside the ONNX file (the hash cannot be inside what it hashes). */
export function onnxMetadataProps(fields: ModelMetadataFields): Record<string, string> {
  return {
    formatVersion: String(modelFormatVersion),
    modelType: fields.modelType,
    backbone: fields.backbone,
    inputFormat: fields.inputFormat,
    threshold: String(fields.threshold),
    confidenceSlope: String(fields.confidenceSlope),
  };
}

export async function buildModelMetadata(fields: ModelMetadataFields, modelBytes: Uint8Array): Promise<ModelMetadata> {
  const { normalisation, ...rest } = fields;
  return {
    formatVersion: modelFormatVersion,
    ...rest,
    normalisation: { c: normalisation.centre, s: normalisation.scale },
    sha256: await sha256Hex(modelBytes),
  };
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
