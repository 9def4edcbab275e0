// The portable model package (spec §9 item 4): one zip holding the packaged ONNX model and a JSON file
// with its metadata (project size, RGB888 input, threshold, colour map, metrics). The JSON's
// `threshold` is the one in effect when exported (the user's, spec §9) and `trainedThreshold` the one
// training calibrated; `evaluation.json` the test images' results, which the importing device re-runs. Reading a package (workers/import/modelPackage.ts) happens in the import worker.
import { strToU8, zipSync } from 'fflate';
import type { PackagedTestResult } from '../contracts/importCheck';
import type { ModelMetadata } from '../contracts/modelMetadata';
import { UserFacingError } from './errors';
import type { AnomalyLabel, ImageSize, ModelPerformance, ModelTag, ModelVersion } from './types';

export const modelPackageFileNames = { model: 'model.onnx', metadata: 'model.json', testResults: 'evaluation.json' } as const;

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

/** A package as read and checked: model.onnx as it came (a Blob, which the worker hands over uncopied) and model.json. */
export interface ModelPackage {
  model: Blob;
  metadata: ModelPackageMetadata;
  /** The source's test results (`evaluation.json`), which the import re-runs; absent in older packages. */
  testResults?: PackagedTestResult[];
}

export function modelPackageFileName(projectName: string, version: number): string {
  return `${projectName}-model-${version}.zip`;
}

/** The package of a trained version; `metadata` is the stored one (its threshold the trained one). */
export function buildModelPackage(
  modelBytes: Uint8Array,
  metadata: ModelMetadata,
  version: ModelVersion,
  projectName: string,
  exportedAt: string,
  testResults: readonly PackagedTestResult[] = [],
): Uint8Array {
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
    ...(testResults.length > 0 ? { [modelPackageFileNames.testResults]: strToU8(JSON.stringify(testResults)) } : {}),
  });
}

/**
 * Refuses a package made for other images: its input size must be the project size (when the project
 * has one yet), and a segmentation model's labels must exist in the project with the same mask index,
 * since predicted masks are stored as label indices.
 */
export function checkPackageFitsProject(
  file: string,
  metadata: ModelMetadata,
  project: { name: string; imageSize: ImageSize | null },
  labels: readonly AnomalyLabel[],
): void {
  const size = metadata.inputSize;
  if (project.imageSize && (project.imageSize.width !== size.width || project.imageSize.height !== size.height)) {
    throw new UserFacingError('modelPackage.wrongSize', {
      file,
      project: project.name,
      modelWidth: size.width,
      modelHeight: size.height,
      width: project.imageSize.width,
      height: project.imageSize.height,
    });
  }
  const byName = new Map(labels.map((label) => [label.name.toLowerCase(), label]));
  const missing = metadata.labels.filter((label) => !byName.has(label.name.toLowerCase())).map((label) => label.name);
  if (missing.length > 0)
    throw new UserFacingError('modelPackage.missingLabels', { file, project: project.name, labels: missing.join(', '), count: missing.length });
  const renumbered = metadata.labels.find((label) => byName.get(label.name.toLowerCase())!.index !== label.index);
  if (renumbered) {
    throw new UserFacingError('modelPackage.labelIndex', {
      file,
      project: project.name,
      label: renumbered.name,
      modelIndex: renumbered.index,
      projectIndex: byName.get(renumbered.name.toLowerCase())!.index,
    });
  }
}
