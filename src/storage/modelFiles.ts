// The files a training run produces (store `modelArtifacts`, id `${modelVersionId}/${name}`): written
// together with status TRAINED and the version's figures in ONE transaction, so a version is either
// trained with all of its files or has none; and the readers the runtime and the model views use.
import type { IDBPDatabase } from 'idb';
import { UserFacingError } from '../domain/errors';
import { modelComponentOf, parseModelComponent } from '../domain/modelComponent';
import { assertTransition } from '../domain/modelVersionStatus';
import type { ModelVersion, ModelVersionStatus } from '../domain/types';
import type { ModelMetadata } from '../contracts/modelMetadata';
import type { SpotcheckDB } from './schema';
import { issueAll, writeTransaction } from './transaction';

export const modelArtifactNames = {
  model: 'model.onnx',
  metadata: 'metadata.json',
  /** The stored evaluation record (contracts/evaluation `StoredEvaluation`) the model views read. */
  evaluation: 'evaluation.json',
  evaluationResult: 'EvaluationResult.json',
  evaluationManifest: 'evaluation-manifest.jsonl',
} as const;

/** A segmentation model's predicted label-index mask of one test entry (same PNG format as the masks store). */
export function predictedMaskArtifactName(entryId: string): string {
  return `masks/${entryId}.png`;
}

export function modelArtifactId(modelVersionId: string, name: string): string {
  return `${modelVersionId}/${name}`;
}

export interface NamedArtifact {
  name: string;
  blob: Blob;
}

/** What a finished run adds to its version besides the files. */
export type TrainedFields = Required<
  Pick<ModelVersion, 'performance' | 'anomalyThreshold' | 'trainedAnomalyThreshold' | 'split' | 'backbone' | 'trainingDurationMs'>
>;

/**
 * TRAINING → TRAINED with every artifact and the version's figures, all or nothing. Refused (nothing
 * written) when the version is gone or no longer TRAINING, e.g. cancelled meanwhile.
 */
export async function completeTraining(
  db: IDBPDatabase<SpotcheckDB>,
  modelVersionId: string,
  fields: TrainedFields,
  artifacts: readonly NamedArtifact[],
  statusMessage = '',
): Promise<ModelVersion> {
  return writeTransaction(db, ['modelVersions', 'modelArtifacts'], async (transaction) => {
    const versions = transaction.objectStore('modelVersions');
    const version = await versions.get(modelVersionId);
    if (!version) throw new UserFacingError('model.notFound');
    assertTransition(version.version, version.status, 'TRAINED');
    const store = transaction.objectStore('modelArtifacts');
    const trained: ModelVersion = { ...version, ...fields, status: 'TRAINED', statusMessage };
    await issueAll([
      ...artifacts.map(
        ({ name, blob }) =>
          () =>
            store.put({ id: modelArtifactId(modelVersionId, name), modelVersionId, name, blob }),
      ),
      () => versions.put(trained),
    ]);
    return trained;
  });
}

export async function readModelArtifact(db: IDBPDatabase<SpotcheckDB>, modelVersionId: string, name: string): Promise<Blob | undefined> {
  return (await db.get('modelArtifacts', modelArtifactId(modelVersionId, name)))?.blob;
}

/** A trained version's metadata (normalisation, threshold, labels…); undefined for a version without it. */
export async function readModelMetadata(db: IDBPDatabase<SpotcheckDB>, modelVersionId: string): Promise<ModelMetadata | undefined> {
  const metadata = await readModelArtifact(db, modelVersionId, modelArtifactNames.metadata);
  return metadata && (JSON.parse(await metadata.text()) as ModelMetadata);
}

/** The packaged ONNX model and its metadata; undefined for a version without them (not trained). */
export async function readModelFile(
  db: IDBPDatabase<SpotcheckDB>,
  modelVersionId: string,
): Promise<{ modelBytes: Uint8Array; metadata: ModelMetadata } | undefined> {
  const [model, metadata] = await Promise.all([readModelArtifact(db, modelVersionId, modelArtifactNames.model), readModelMetadata(db, modelVersionId)]);
  if (!model || !metadata) return undefined;
  return { modelBytes: new Uint8Array(await model.arrayBuffer()), metadata };
}

/** Statuses of a version that finished training: the ones the detection runtime can address. */
const trainedStatuses: ReadonlySet<ModelVersionStatus> = new Set(['TRAINED', 'STARTING_HOSTING', 'HOSTED', 'HOSTING_FAILED', 'STOPPING_HOSTING']);

export function isTrainedStatus(status: ModelVersionStatus): boolean {
  return trainedStatuses.has(status);
}

/** The version a `<ProjectName>:<ModelVersion>` addresses, in any status; undefined when there is none. */
export async function findModelVersionByComponent(db: IDBPDatabase<SpotcheckDB>, modelComponent: string): Promise<ModelVersion | undefined> {
  const parts = parseModelComponent(modelComponent);
  if (!parts) return undefined;
  const transaction = db.transaction(['projects', 'modelVersions']);
  const project = await transaction.objectStore('projects').index('by-name').get(parts.projectName);
  const version = project ? await transaction.objectStore('modelVersions').index('by-project-version').get([project.id, parts.version]) : undefined;
  return version;
}

/** Every trained version of every project with its model_component, for ListModels. */
export async function listTrainedModels(db: IDBPDatabase<SpotcheckDB>): Promise<{ modelComponent: string; version: ModelVersion }[]> {
  const transaction = db.transaction(['projects', 'modelVersions']);
  const [projects, versions] = await Promise.all([transaction.objectStore('projects').getAll(), transaction.objectStore('modelVersions').getAll()]);
  const nameById = new Map(projects.map((project) => [project.id, project.name]));
  return versions
    .filter((version) => isTrainedStatus(version.status) && nameById.has(version.projectId))
    .map((version) => ({ modelComponent: modelComponentOf(nameById.get(version.projectId)!, version.version), version }))
    .sort((a, b) => (a.modelComponent < b.modelComponent ? -1 : a.modelComponent > b.modelComponent ? 1 : 0));
}
