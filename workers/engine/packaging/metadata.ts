// The JSON metadata file that travels with a packaged model (and is mirrored in its ONNX metadata_props):
// what the model takes, how its score is normalised and decided, how it was trained, and the ONNX hash.
// The shapes themselves are contracts (src/contracts/modelMetadata.ts); this module builds them.
import type { ScoreNormalisation } from '../calibration';
import { modelFormatVersion, type ModelMetadata } from '../../../src/contracts/modelMetadata';

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
