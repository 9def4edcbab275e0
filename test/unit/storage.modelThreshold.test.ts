// Saving and restoring a model version's threshold: the saved value is what the version record holds
// afterwards, the trained threshold is never touched, and refusals (unknown version, version without a
// trained threshold, value outside 0–1) say why and leave the store unchanged.
import type { IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../src/domain/types';
import { completeTraining, type TrainedFields } from '../../src/storage/modelFiles';
import { restoreTrainedThreshold, setModelThreshold } from '../../src/storage/modelThreshold';
import type { SpotcheckDB } from '../../src/storage/schema';
import { failureMessage, snapshotDatabase, useFreshDatabase } from '../fixtures/storageTestKit';
import { trainingVersion } from './helpers/storedModels';

let db: IDBPDatabase<SpotcheckDB>;
useFreshDatabase((opened) => (db = opened));

const trainedThreshold = 0.42;
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
  anomalyThreshold: trainedThreshold,
  trainedAnomalyThreshold: trainedThreshold,
  split: { seed: 7, trainIds: ['a'], testIds: ['b'] },
  backbone: 'mobilenet_v2_mid',
  trainingDurationMs: 1234,
};

async function trainedVersion(): Promise<ModelVersion> {
  const record = trainingVersion('project-1', 1);
  await db.put('modelVersions', record);
  return completeTraining(db, record.id, trainedFields, []);
}

describe('setModelThreshold', () => {
  let version: ModelVersion;
  beforeEach(async () => {
    version = await trainedVersion();
  });

  it('stores the new threshold and keeps the trained one', async () => {
    const updated = await setModelThreshold(db, version.id, 0.61);
    expect(updated).toMatchObject({ anomalyThreshold: 0.61, trainedAnomalyThreshold: trainedThreshold });
    expect(await db.get('modelVersions', version.id)).toEqual({ ...version, anomalyThreshold: 0.61 });
  });

  it('accepts both ends of the score range', async () => {
    expect((await setModelThreshold(db, version.id, 0)).anomalyThreshold).toBe(0);
    expect((await setModelThreshold(db, version.id, 1)).anomalyThreshold).toBe(1);
  });

  it.each([
    [1.2, '1.2'],
    [-0.1, '-0.1'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
  ])('refuses %s with a message naming the value and the range, changing nothing', async (threshold, shown) => {
    const before = await snapshotDatabase(db);
    expect(await failureMessage(setModelThreshold(db, version.id, threshold))).toBe(
      `The anomaly threshold must be a number from 0 to 1 (got ${shown}). Pick a value on the threshold slider.`,
    );
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('refuses an unknown version', async () => {
    const before = await snapshotDatabase(db);
    expect(await failureMessage(setModelThreshold(db, 'no-such-version', 0.5))).toBe(
      'This model version no longer exists. It may have been deleted in another tab.',
    );
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('refuses a version that has not finished training', async () => {
    const training = trainingVersion('project-1', 2);
    await db.put('modelVersions', training);
    const before = await snapshotDatabase(db);
    expect(await failureMessage(setModelThreshold(db, training.id, 0.5))).toBe(
      'Model 2 has not finished training, so it has no threshold to change. Train it first.',
    );
    expect(await snapshotDatabase(db)).toEqual(before);
  });
});

describe('restoreTrainedThreshold', () => {
  it('puts the trained threshold back after a change', async () => {
    const version = await trainedVersion();
    await setModelThreshold(db, version.id, 0.9);
    const restored = await restoreTrainedThreshold(db, version.id);
    expect(restored).toMatchObject({ anomalyThreshold: trainedThreshold, trainedAnomalyThreshold: trainedThreshold });
    expect(await db.get('modelVersions', version.id)).toEqual(version);
  });

  it('refuses an unknown version and a version without a trained threshold', async () => {
    const training = trainingVersion('project-1', 3);
    await db.put('modelVersions', training);
    expect(await failureMessage(restoreTrainedThreshold(db, 'gone'))).toBe('This model version no longer exists. It may have been deleted in another tab.');
    expect(await failureMessage(restoreTrainedThreshold(db, training.id))).toBe(
      'Model 3 has not finished training, so it has no threshold to change. Train it first.',
    );
    expect(await db.get('modelVersions', training.id)).toEqual(training);
  });
});
