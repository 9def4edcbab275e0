// A trained model version with small stand-in files (an ONNX graph with no nodes, only the outputs of its
// model type, and metadata carrying its true hash) for storage tests that move model files around without running them.
import type { IDBPDatabase } from 'idb';
import type { ModelType, ModelVersion } from '../../../src/domain/types';
import { completeTraining, modelArtifactNames } from '../../../src/storage/modelFiles';
import type { SpotcheckDB } from '../../../src/storage/schema';
import { onnxProto } from '../../../workers/engine/onnx/proto';
import { sha256Hex } from '../../../workers/engine/packaging/metadata';
import { modelFormatVersion, type ModelMetadata } from '../../../src/contracts/modelMetadata';
import { packagedOutputs } from '../../../workers/engine/packaging/packagedModel';
import { trainingVersion } from './storedModels';

/** A graph with no nodes, only the outputs a packaged model of that type declares (checked on import). */
export function fakeModelBytesOf(modelType: ModelType): Uint8Array {
  const { score, map, rawScore, mask } = packagedOutputs;
  const outputs = modelType === 'segmentation' ? [score, map, rawScore, mask] : [score, map, rawScore];
  return onnxProto.ModelProto.encode({ irVersion: 8, graph: { name: 'fake', output: outputs.map((name) => ({ name })) } }).finish();
}

export const fakeModelBytes = fakeModelBytesOf('segmentation');

export async function fakeModelMetadata(overrides: Partial<ModelMetadata> = {}): Promise<ModelMetadata> {
  return {
    formatVersion: modelFormatVersion,
    modelType: 'segmentation',
    backbone: 'mobilenet_v2_mid',
    inputSize: { width: 64, height: 64 },
    inputFormat: 'RGB888',
    threshold: 0.42,
    confidenceSlope: 8,
    normalisation: { c: 1.5, s: 0.25 },
    labels: [{ name: 'scratch', color: '#2ca02c', index: 1 }],
    training: {
      trainingImages: { normal: 16, anomaly: 16 },
      testingImages: { normal: 4, anomaly: 4 },
      splitSeed: 3,
      coresetRatio: 0.1,
      bankSize: 100,
      calibrationFolds: 4,
      thresholdMethod: 'f1-optimal',
      rawThreshold: 1.4,
      warnings: [],
      trainedAt: '2026-11-21T10:00:00.000Z',
    },
    sha256: await sha256Hex(fakeModelBytesOf(overrides.modelType ?? 'segmentation')),
    ...overrides,
  };
}

/** A TRAINED version of `projectId` with the stand-in model file; `fields` override the version record. */
export async function storeFakeTrainedVersion(
  db: IDBPDatabase<SpotcheckDB>,
  projectId: string,
  version: number,
  fields: Partial<ModelVersion> = {},
  metadata?: ModelMetadata,
): Promise<ModelVersion> {
  const modelMetadata = metadata ?? (await fakeModelMetadata());
  const record = { ...trainingVersion(projectId, version, modelMetadata.modelType), description: 'line A', tags: [{ Key: 'line', Value: 'A' }] };
  await db.put('modelVersions', record);
  const trained = await completeTraining(
    db,
    record.id,
    {
      performance: {
        precision: 0.9,
        recall: 0.8,
        f1: 0.847,
        auroc: 0.95,
        ap: 0.9,
        truePositives: 8,
        falsePositives: 1,
        trueNegatives: 9,
        falseNegatives: 2,
        trainingImages: 32,
        testingImages: 20,
      },
      anomalyThreshold: modelMetadata.threshold,
      trainedAnomalyThreshold: modelMetadata.threshold,
      split: { seed: 3, trainIds: [], testIds: [] },
      backbone: modelMetadata.backbone,
      trainingDurationMs: 1000,
    },
    [
      { name: modelArtifactNames.model, blob: new Blob([fakeModelBytesOf(modelMetadata.modelType) as Uint8Array<ArrayBuffer>]) },
      { name: modelArtifactNames.metadata, blob: new Blob([JSON.stringify(modelMetadata)], { type: 'application/json' }) },
    ],
  );
  if (Object.keys(fields).length === 0) return trained;
  const changed = { ...trained, ...fields };
  await db.put('modelVersions', changed);
  return changed;
}
