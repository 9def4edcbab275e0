// Spec §1.2 model version states: every allowed and every refused transition, the messages for
// refusals, and what survives an app restart — on the pure rules and on real (fake) IndexedDB.
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition, modelVersionStatuses, statusAfterRestart } from '../../src/domain/modelVersionStatus';
import type { ModelVersion, ModelVersionStatus } from '../../src/domain/types';
import { describeError } from '../../src/i18n';
import { modelVersionLockName } from '../../src/storage/liveLocks';
import { recoverModelVersionsAfterRestart, setModelVersionStatus } from '../../src/storage/modelVersions';
import type { SpotcheckDB } from '../../src/storage/schema';
import { failureMessage, snapshotDatabase, useFreshDatabase } from '../fixtures/storageTestKit';

const allowed: [ModelVersionStatus, ModelVersionStatus][] = [
  ['TRAINING', 'TRAINED'],
  ['TRAINING', 'TRAINING_FAILED'],
  ['TRAINED', 'STARTING_HOSTING'],
  ['STARTING_HOSTING', 'HOSTED'],
  ['STARTING_HOSTING', 'HOSTING_FAILED'],
  ['HOSTED', 'STOPPING_HOSTING'],
  ['STOPPING_HOSTING', 'TRAINED'],
  ['HOSTING_FAILED', 'STARTING_HOSTING'],
];
const isAllowed = (from: ModelVersionStatus, to: ModelVersionStatus) => allowed.some(([a, b]) => a === from && b === to);
const everyPair = modelVersionStatuses.flatMap((from) => modelVersionStatuses.map((to) => [from, to] as const));

describe('model version transitions', () => {
  it('has the seven statuses of the spec', () => {
    expect([...modelVersionStatuses].sort()).toEqual([
      'HOSTED',
      'HOSTING_FAILED',
      'STARTING_HOSTING',
      'STOPPING_HOSTING',
      'TRAINED',
      'TRAINING',
      'TRAINING_FAILED',
    ]);
  });

  it.each(everyPair)('%s → %s is allowed only if the spec lists it', (from, to) => {
    expect(canTransition(from, to)).toBe(isAllowed(from, to));
  });

  it('TRAINING_FAILED is final', () => {
    expect(modelVersionStatuses.filter((to) => canTransition('TRAINING_FAILED', to))).toEqual([]);
  });

  it.each([
    ['TRAINING_FAILED', 'STARTING_HOSTING', 'Model 3 failed to train, so it cannot be started. Delete it and train a new version.'],
    ['TRAINING', 'STARTING_HOSTING', 'Model 3 is still training. Start it once training is complete.'],
    ['HOSTED', 'STARTING_HOSTING', 'Model 3 is already running.'],
    ['TRAINED', 'STOPPING_HOSTING', 'Model 3 is not running, so there is nothing to stop.'],
    ['TRAINED', 'HOSTED', 'Model 3 cannot change from TRAINED to HOSTED now.'],
  ] as const)('refuses %s → %s with a reason', (from, to, message) => {
    let thrown: unknown;
    try {
      assertTransition(3, from, to);
    } catch (error) {
      thrown = error;
    }
    expect(describeError(thrown)).toBe(message);
  });

  it.each([
    ['TRAINING', 'TRAINING_FAILED'],
    ['STARTING_HOSTING', 'TRAINED'],
    ['HOSTED', 'TRAINED'],
    ['STOPPING_HOSTING', 'TRAINED'],
  ] as const)('after a restart %s becomes %s', (before, after) => {
    expect(statusAfterRestart(before)?.status).toBe(after);
  });

  it.each([
    ['STARTING_HOSTING', true],
    ['HOSTED', true],
    ['STOPPING_HOSTING', false],
    ['TRAINING', false],
  ] as const)('after a restart %s is started again: %s (a model the user started stays hosted until stopped)', (before, hostAgain) => {
    expect(statusAfterRestart(before)?.hostAgain).toBe(hostAgain);
  });

  it.each(['TRAINED', 'TRAINING_FAILED', 'HOSTING_FAILED'] as const)('after a restart %s stays', (status) => {
    expect(statusAfterRestart(status)).toBeNull();
  });
});

describe('model versions in storage', () => {
  let db: IDBPDatabase<SpotcheckDB>;
  useFreshDatabase((opened) => (db = opened));

  const version = (id: string, number: number, status: ModelVersionStatus): ModelVersion => ({
    id,
    projectId: 'p',
    version: number,
    status,
    statusMessage: '',
    createdAt: '2026-11-21T10:00:00.000Z',
    description: '',
    tags: [],
    modelType: 'classification',
  });

  it('applies an allowed change and refuses another, leaving the record as it was', async () => {
    await db.put('modelVersions', version('a', 1, 'TRAINED'));
    expect((await setModelVersionStatus(db, 'a', 'STARTING_HOSTING')).status).toBe('STARTING_HOSTING');
    const before = await snapshotDatabase(db);
    expect(await failureMessage(setModelVersionStatus(db, 'a', 'TRAINED'))).toBe('Model 1 cannot change from STARTING_HOSTING to TRAINED now.');
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('marks interrupted training failed and resets hosting states at app start, naming the hosted ones to start again', async () => {
    await db.put('modelVersions', version('t', 1, 'TRAINING'));
    await db.put('modelVersions', version('h', 2, 'HOSTED'));
    await db.put('modelVersions', version('d', 3, 'TRAINED'));
    await db.put('modelVersions', version('s', 4, 'STOPPING_HOSTING'));
    expect(await recoverModelVersionsAfterRestart(db, new Set())).toEqual({ changed: 3, hostAgain: ['h'] });
    // A second tab opening right after finds nothing left to start: one tab hosts the model.
    expect(await recoverModelVersionsAfterRestart(db, new Set())).toEqual({ changed: 0, hostAgain: [] });
    expect((await db.get('modelVersions', 's'))?.status).toBe('TRAINED');
    expect(await db.get('modelVersions', 't')).toMatchObject({ status: 'TRAINING_FAILED', statusMessage: 'Training was interrupted' });
    expect((await db.get('modelVersions', 'h'))?.status).toBe('TRAINED');
    expect((await db.get('modelVersions', 'd'))?.status).toBe('TRAINED');
  });

  it('leaves alone the versions another tab still trains or hosts (their Web Lock is held)', async () => {
    await db.put('modelVersions', version('t-live', 1, 'TRAINING'));
    await db.put('modelVersions', version('h-live', 2, 'HOSTED'));
    await db.put('modelVersions', version('s-live', 3, 'STARTING_HOSTING'));
    await db.put('modelVersions', version('h-gone', 4, 'HOSTED'));
    const before = await snapshotDatabase(db);
    const held = new Set(['t-live', 'h-live', 's-live'].map(modelVersionLockName));
    expect(await recoverModelVersionsAfterRestart(db, held)).toEqual({ changed: 1, hostAgain: ['h-gone'] });
    const after = await snapshotDatabase(db);
    expect((await db.get('modelVersions', 'h-gone'))?.status).toBe('TRAINED');
    // Only the version no tab holds changed; every other record of every store is as it was.
    const withoutGone = (snapshot: typeof before) => ({ ...snapshot, modelVersions: { ...snapshot.modelVersions, [JSON.stringify('h-gone')]: null } });
    expect(withoutGone(after)).toEqual(withoutGone(before));
  });
});
