// Reads and checks a model package (spec §9 item 4) in the import worker, so a large model.onnx is
// never unpacked or decoded on the page's thread: the zip's directory is read first and model.onnx
// and model.json are refused by their declared sizes before a byte is inflated; then every field of
// model.json (its one schema) and of the optional evaluation.json (the test results), the model's checksum and the graph's outputs. Every refusal names the file.
import { UserFacingError } from '../../src/domain/errors';
import { modelPackageFileNames, type ModelPackage, type ModelPackageMetadata } from '../../src/domain/modelPackage';
import { readModelPackageMetadata, readPackagedTestResults } from '../../src/domain/modelPackageSchema';
import type { PackagedTestResult } from '../../src/contracts/importCheck';
import { maxModelBytes, maxModelMetadataBytes } from '../../src/domain/rules/limits';
import type { ModelType } from '../../src/domain/types';
import { decodeModel } from '../engine/onnx';
import { sha256Hex } from '../engine/packaging/metadata';
import { modelFormatVersion } from '../../src/contracts/modelMetadata';
import { packagedOutputs } from '../engine/packaging/packagedModel';
import { readZipEntries, type EntryLimit } from './unzip';

/** A package keeps only its two files, each with its own cap; other entries are left unread. */
const packageEntryLimits: ReadonlyMap<string, EntryLimit> = new Map([
  [modelPackageFileNames.model, { bytes: maxModelBytes, kind: 'model' }],
  [modelPackageFileNames.metadata, { bytes: maxModelMetadataBytes, kind: 'modelMetadata' }],
  [modelPackageFileNames.testResults, { bytes: maxModelMetadataBytes, kind: 'modelMetadata' }],
]);

/** `archive` is the picked file and `file` its name; resolves with model.onnx as a Blob and the checked model.json. */
export async function readModelPackage(archive: Blob, file: string, signal?: AbortSignal): Promise<ModelPackage> {
  const entries = await readZipEntries(archive, file, (path) => packageEntryLimits.get(path) ?? null, signal);
  const blobOf = (name: string) => entries.find((entry) => entry.path === name)?.blob;
  const model = blobOf(modelPackageFileNames.model);
  const metadataBlob = blobOf(modelPackageFileNames.metadata);
  if (!model || !metadataBlob) throw new UserFacingError('modelPackage.notPackage', { file });
  const metadata = parsePackageMetadata(file, await metadataBlob.text());
  const modelBytes = new Uint8Array(await model.arrayBuffer());
  if ((await sha256Hex(modelBytes)) !== metadata.sha256) throw new UserFacingError('modelPackage.damaged', { file });
  checkGraphOutputs(file, modelBytes, metadata.modelType);
  const testResultsBlob = blobOf(modelPackageFileNames.testResults);
  return { model, metadata, ...(testResultsBlob ? { testResults: parseTestResults(file, await testResultsBlob.text()) } : {}) };
}

/** `evaluation.json`: the source's test results, which the import re-runs (packages before it had none). */
function parseTestResults(file: string, json: string): PackagedTestResult[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new UserFacingError('modelPackage.badTestResults', { file, field: modelPackageFileNames.testResults });
  }
  return readPackagedTestResults(file, value);
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

function parsePackageMetadata(file: string, json: string): ModelPackageMetadata {
  let value: unknown;
  try {
    value = JSON.parse(json);
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
