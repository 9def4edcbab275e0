// The portable model package (spec §9 item 4): one zip holding the packaged ONNX model and a JSON file
// with its metadata (project size, RGB888 input, threshold, colour map, metrics). The JSON's
// `threshold` is the one in effect when exported (the user's, spec §9) and `trainedThreshold` the one
// training calibrated. Reading a package checks it fully and names the file in every refusal.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { modelFormatVersion, sha256Hex, type ModelMetadata } from '../../workers/engine/packaging/metadata';
import { UserFacingError } from './errors';
import { readModelPackageMetadata } from './modelPackageSchema';
import type { AnomalyLabel, ImageSize, ModelPerformance, ModelTag, ModelType, ModelVersion } from './types';
import { decodeModel } from '../../workers/engine/onnx';
import { packagedOutputs } from '../../workers/engine/packaging/packagedModel';

export const modelPackageFileNames = { model: 'model.onnx', metadata: 'model.json' } as const;

/** What `model.json` holds: the model's own metadata plus where it came from. */
export interface ModelPackageMetadata extends ModelMetadata {
  trainedThreshold: number;
  source: {
    projectName: string;
    modelVersion: number;
    description: string;
    tags: ModelTag[];
    performance?: ModelPerformance;
    exportedAt: string;
  };
}

export interface ModelPackage {
  modelBytes: Uint8Array;
  metadata: ModelPackageMetadata;
}

export function modelPackageFileName(projectName: string, version: number): string {
  return `${projectName}-model-${version}.zip`;
}

/** The package of a trained version; `metadata` is the stored one (its threshold the trained one). */
export function buildModelPackage(modelBytes: Uint8Array, metadata: ModelMetadata, version: ModelVersion, projectName: string, exportedAt: string): Uint8Array {
  const trainedThreshold = version.trainedAnomalyThreshold ?? metadata.threshold;
  const packaged: ModelPackageMetadata = {
    ...metadata,
    threshold: version.anomalyThreshold ?? trainedThreshold,
    trainedThreshold,
    source: {
      projectName,
      modelVersion: version.version,
      description: version.description,
      tags: version.tags,
      ...(version.performance ? { performance: version.performance } : {}),
      exportedAt,
    },
  };
  // The ONNX file barely compresses, so it is stored as is; the JSON is deflated.
  return zipSync({
    [modelPackageFileNames.model]: [modelBytes, { level: 0 }],
    [modelPackageFileNames.metadata]: strToU8(JSON.stringify(packaged, null, 2)),
  });
}

/** Reads and checks a package file: a zip with both files, every field of model.json as its schema says, an intact model. */
export async function readModelPackage(file: string, bytes: Uint8Array): Promise<ModelPackage> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (entry) => Object.values<string>(modelPackageFileNames).includes(entry.name) });
  } catch {
    throw new UserFacingError('modelPackage.notPackage', { file });
  }
  const modelBytes = entries[modelPackageFileNames.model];
  const metadataBytes = entries[modelPackageFileNames.metadata];
  if (!modelBytes || !metadataBytes) throw new UserFacingError('modelPackage.notPackage', { file });
  const metadata = parsePackageMetadata(file, metadataBytes);
  if ((await sha256Hex(modelBytes)) !== metadata.sha256) throw new UserFacingError('modelPackage.damaged', { file });
  checkGraphOutputs(file, modelBytes, metadata.modelType);
  return { modelBytes, metadata };
}

/**
 * The graph must give what its model type promises (spec §4.1): every model the score, the map and the raw
 * score; a segmentation model also the mask, which a classification model has not.
 */
function checkGraphOutputs(file: string, modelBytes: Uint8Array, modelType: ModelType): void {
  let outputs: Set<string>;
  try {
    outputs = new Set(decodeModel(modelBytes).graph?.output?.map((output) => output.name ?? '') ?? []);
  } catch {
    throw new UserFacingError('modelPackage.notOnnx', { file });
  }
  const missing = [packagedOutputs.score, packagedOutputs.map, packagedOutputs.rawScore].filter((name) => !outputs.has(name));
  if (missing.length > 0) throw new UserFacingError('modelPackage.missingOutputs', { file, outputs: missing.join(', '), count: missing.length });
  if (outputs.has(packagedOutputs.mask) !== (modelType === 'segmentation')) {
    throw new UserFacingError('modelPackage.modelTypeMismatch', { file, context: modelType, output: packagedOutputs.mask });
  }
}

function parsePackageMetadata(file: string, bytes: Uint8Array): ModelPackageMetadata {
  let value: unknown;
  try {
    value = JSON.parse(strFromU8(bytes));
  } catch (error) {
    throw new UserFacingError('modelPackage.badMetadata', { file, detail: error instanceof Error ? error.message : String(error) });
  }
  // A newer format may have other fields: say so before judging them by this version's schema.
  const formatVersion = (value as Partial<ModelPackageMetadata> | null)?.formatVersion;
  if (Number.isInteger(formatVersion) && formatVersion! > modelFormatVersion) {
    throw new UserFacingError('modelPackage.newerFormat', { file, format: formatVersion!, supported: modelFormatVersion });
  }
  return readModelPackageMetadata(file, value);
}

/**
 * Refuses a package made for other images: its input size must be the project size (when the project
 * has one yet), and a segmentation model's labels must exist in the project with the same mask index,
 * since predicted masks are stored as label indices.
 */
export function checkPackageFitsProject(file: string, metadata: ModelMetadata, project: { name: string; imageSize: ImageSize | null }, labels: readonly AnomalyLabel[]): void {
  const size = metadata.inputSize;
  if (project.imageSize && (project.imageSize.width !== size.width || project.imageSize.height !== size.height)) {
    throw new UserFacingError('modelPackage.wrongSize', {
      file, project: project.name, modelWidth: size.width, modelHeight: size.height, width: project.imageSize.width, height: project.imageSize.height,
    });
  }
  const byName = new Map(labels.map((label) => [label.name.toLowerCase(), label]));
  const missing = metadata.labels.filter((label) => !byName.has(label.name.toLowerCase())).map((label) => label.name);
  if (missing.length > 0) throw new UserFacingError('modelPackage.missingLabels', { file, project: project.name, labels: missing.join(', '), count: missing.length });
  const renumbered = metadata.labels.find((label) => byName.get(label.name.toLowerCase())!.index !== label.index);
  if (renumbered) {
    throw new UserFacingError('modelPackage.labelIndex', {
      file, project: project.name, label: renumbered.name, modelIndex: renumbered.index, projectIndex: byName.get(renumbered.name.toLowerCase())!.index,
    });
  }
}
