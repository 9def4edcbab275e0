// Starting, finishing and failing a training run in storage: createModelVersion's refusals (exact
// missing counts, another run active) leave the store unchanged and a repeated request returns the
// first version; completeTraining writes every artifact with TRAINED or nothing; markTrainingFailed
// keeps no artifact.
import type { IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../../src/domain/types';
import { completeTraining, modelArtifactNames, readModelArtifact, type TrainedFields } from '../../src/storage/modelFiles';
import { createModelVersion, markTrainingFailed } from '../../src/storage/modelVersions';
import type { SpotcheckDB } from '../../src/storage/schema';
import { failureMessage, snapshotDatabase, useFreshDatabase } from '../fixtures/storageTestKit';
import { writeSyntheticProject } from '../fixtures/syntheticProject';

let db: IDBPDatabase<SpotcheckDB>;
useFreshDatabase((opened) => (db = opened));

const request = (idempotencyKey: string) => ({ description: 'first run', tags: [{ Key: 'line', Value: 'A' }], idempotencyKey });

/** Classification minimums for a single dataset are 20 normal and 10 anomalous images (spec §5). */
function classificationProject(normalCount: number, anomalyCount: number): Promise<Project> {
  return writeSyntheticProject(db, { name: 'parts', seed: 5, side: 64, normalCount, perDefectCount: anomalyCount, defectTypes: ['dent'], masks: false });
}

const trainedFields: TrainedFields = {
  performance: {
    precision: 1,
    recall: 0.5,
    f1: 2 / 3,
    auroc: 0.9,
    ap: 0.8,
    truePositives: 1,
    falsePositives: 0,
    trueNegatives: 3,
    falseNegatives: 1,
    trainingImages: 20,
    testingImages: 5,
  },
  anomalyThreshold: 0.4,
  trainedAnomalyThreshold: 0.4,
  split: { seed: 7, trainIds: ['a'], testIds: ['b'] },
  backbone: 'mobilenet_v2_mid',
  trainingDurationMs: 1234,
};

describe('createModelVersion', () => {
  let project: Project;
  beforeEach(async () => {
    project = await classificationProject(20, 10);
  });

  it('creates version 1, 2, … with status TRAINING and the model type the datasets give', async () => {
    const first = await createModelVersion(db, project.id, request('k1'));
    expect(first).toMatchObject({ version: 1, status: 'TRAINING', modelType: 'classification', description: 'first run', idempotencyKey: 'k1' });
    await markTrainingFailed(db, first.id, 'test');
    expect((await createModelVersion(db, project.id, request('k2'))).version).toBe(2);
  });

  it('returns the existing version for the same idempotency key instead of starting a second run', async () => {
    const first = await createModelVersion(db, project.id, request('same'));
    const before = await snapshotDatabase(db);
    expect(await createModelVersion(db, project.id, request('same'))).toEqual(first);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('refuses while another version of the project is training, changing nothing', async () => {
    await createModelVersion(db, project.id, request('k1'));
    const before = await snapshotDatabase(db);
    expect(await failureMessage(createModelVersion(db, project.id, request('k2')))).toBe(
      'Model 1 of this project is still training. Wait for it to finish, or stop it, before training another version.',
    );
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('refuses with the exact missing counts when the dataset rules are not met, changing nothing', async () => {
    const small = await writeSyntheticProject(db, {
      name: 'small',
      seed: 6,
      side: 64,
      normalCount: 12,
      perDefectCount: 3,
      defectTypes: ['dent'],
      masks: false,
    });
    const before = await snapshotDatabase(db);
    expect(await failureMessage(createModelVersion(db, small.id, request('k1')))).toBe(
      'Training cannot start yet: Training dataset: 12 of 20 normal images. Training dataset: 3 of 10 anomalous images. Add or label images, then try again.',
    );
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('refuses for a project that no longer exists', async () => {
    expect(await failureMessage(createModelVersion(db, 'gone', request('k1')))).toMatch(/no longer exists/);
  });
});

describe('completeTraining and markTrainingFailed', () => {
  let versionId: string;
  beforeEach(async () => {
    const project = await classificationProject(20, 10);
    versionId = (await createModelVersion(db, project.id, request('k1'))).id;
  });

  const artifacts = () => [
    { name: modelArtifactNames.model, blob: new Blob([Uint8Array.of(1, 2, 3)]) },
    { name: modelArtifactNames.metadata, blob: new Blob(['{}']) },
  ];

  it('writes every artifact, status TRAINED and the figures together', async () => {
    const trained = await completeTraining(db, versionId, trainedFields, artifacts(), 'few anomalies');
    expect(trained).toMatchObject({ ...trainedFields, status: 'TRAINED', statusMessage: 'few anomalies' });
    expect(await db.get('modelVersions', versionId)).toEqual(trained);
    expect([...new Uint8Array(await (await readModelArtifact(db, versionId, modelArtifactNames.model))!.arrayBuffer())]).toEqual([1, 2, 3]);
    expect(await db.getAllKeysFromIndex('modelArtifacts', 'by-model', versionId)).toEqual([`${versionId}/metadata.json`, `${versionId}/model.onnx`]);
  });

  it('leaves no partial artifact and the version TRAINING when a write fails', async () => {
    const before = await snapshotDatabase(db);
    // A value IndexedDB cannot store, after a valid artifact: the first put must be undone too.
    const unstorable = { name: 'evaluation.json', blob: (() => undefined) as unknown as Blob };
    await expect(completeTraining(db, versionId, trainedFields, [...artifacts(), unstorable])).rejects.toThrow();
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('refuses (writing nothing) once the version is no longer TRAINING, e.g. cancelled meanwhile', async () => {
    await markTrainingFailed(db, versionId, 'Training was cancelled');
    const before = await snapshotDatabase(db);
    expect(await failureMessage(completeTraining(db, versionId, trainedFields, artifacts()))).toMatch(/cannot change from TRAINING_FAILED to TRAINED/);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('marks a run TRAINING_FAILED with its reason and removes any artifact of it', async () => {
    await db.put('modelArtifacts', { id: `${versionId}/model.onnx`, modelVersionId: versionId, name: 'model.onnx', blob: new Blob(['x']) });
    const failed = await markTrainingFailed(db, versionId, 'Training was cancelled');
    expect(failed).toMatchObject({ status: 'TRAINING_FAILED', statusMessage: 'Training was cancelled' });
    expect(await db.getAllKeysFromIndex('modelArtifacts', 'by-model', versionId)).toEqual([]);
    expect(await failureMessage(markTrainingFailed(db, versionId, 'again'))).toMatch(/cannot change from TRAINING_FAILED/);
  });
});
