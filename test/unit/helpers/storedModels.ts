// Puts a trained engine result into a test database as a model version would have it after training:
// a TRAINING version record, then completeTraining with its model file and metadata.
import type { IDBPDatabase } from 'idb';
import type { ModelVersion } from '../../../src/domain/types';
import { completeTraining, modelArtifactNames, type NamedArtifact } from '../../../src/storage/modelFiles';
import type { SpotcheckDB } from '../../../src/storage/schema';
import type { TrainingResult } from '../../../workers/engine/training';
import { performanceOf } from '../../../workers/training/trainingArtifacts';

export function trainingVersion(projectId: string, version: number, modelType: ModelVersion['modelType'] = 'classification'): ModelVersion {
  return {
    id: crypto.randomUUID(),
    projectId,
    version,
    status: 'TRAINING',
    statusMessage: '',
    createdAt: new Date().toISOString(),
    description: '',
    tags: [],
    modelType,
    idempotencyKey: crypto.randomUUID(),
  };
}

export function modelFileArtifacts(result: TrainingResult): NamedArtifact[] {
  return [
    { name: modelArtifactNames.model, blob: new Blob([result.modelBytes as Uint8Array<ArrayBuffer>]) },
    { name: modelArtifactNames.metadata, blob: new Blob([JSON.stringify(result.metadata)], { type: 'application/json' }) },
  ];
}

/** `artifacts` defaults to the model file and metadata; pass [] for a version whose files are missing. */
export async function storeTrainedModel(
  db: IDBPDatabase<SpotcheckDB>,
  projectId: string,
  version: number,
  result: TrainingResult,
  artifacts = modelFileArtifacts(result),
): Promise<ModelVersion> {
  const record = trainingVersion(projectId, version, result.metadata.modelType);
  await db.put('modelVersions', record);
  return completeTraining(
    db,
    record.id,
    {
      performance: performanceOf(result.evaluation),
      anomalyThreshold: result.metadata.threshold,
      trainedAnomalyThreshold: result.metadata.threshold,
      split: { seed: result.metadata.training.splitSeed, trainIds: [], testIds: result.perImage.map((image) => image.id) },
      backbone: result.metadata.backbone,
      trainingDurationMs: Math.round(result.timings.totalMs),
    },
    artifacts,
  );
}
