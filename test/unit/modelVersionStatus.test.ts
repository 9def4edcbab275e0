// Spec §1.2 model version states: every allowed and every refused transition, the messages for
// refusals, and what survives an app restart — on the pure rules and on real (fake) IndexedDB.
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition, modelVersionStatuses, statusAfterRestart } from '../../src/domain/modelVersionStatus';
import type { ModelVersion, ModelVersionStatus } from '../../src/domain/types';
import { describeError } from '../../src/i18n';
import { modelVersionLockName } from '../../src/storage/liveLocks';
import { recoverModelVersionsAfterRestart, setModelVersionStatus, settleLeftHosting } from '../../src/storage/modelVersions';
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
    ['STARTING_HOSTING', 'STARTING_HOSTING'],
    ['HOSTED', 'HOSTED'],
    ['STOPPING_HOSTING', 'TRAINED'],
  ] as const)('after a restart %s becomes %s (one to host again keeps its status until its start is recorded)', (before, after) => {
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
    await db.put('modelVersions', version('a', 5, 'STARTING_HOSTING'));
    expect(await recoverModelVersionsAfterRestart(db, new Set())).toEqual({ changed: 2, hostAgain: ['a', 'h'] });
    expect((await db.get('modelVersions', 's'))?.status).toBe('TRAINED');
    expect(await db.get('modelVersions', 't')).toMatchObject({ status: 'TRAINING_FAILED', statusMessage: 'Training was interrupted' });
    expect((await db.get('modelVersions', 'd'))?.status).toBe('TRAINED');
    // Kept until the start is recorded: the page reloaded before that starts them again.
    expect((await db.get('modelVersions', 'h'))?.status).toBe('HOSTED');
    expect((await db.get('modelVersions', 'a'))?.status).toBe('STARTING_HOSTING');
    expect(await recoverModelVersionsAfterRestart(db, new Set())).toEqual({ changed: 0, hostAgain: ['a', 'h'] });
    // Once this tab's start holds their locks, the next tab to open leaves them alone.
    expect(await recoverModelVersionsAfterRestart(db, new Set(['a', 'h'].map(modelVersionLockName)))).toEqual({ changed: 0, hostAgain: [] });
  });

  it.each([
    ['HOSTED', 'STARTING_HOSTING', 'STARTING_HOSTING'],
    ['STARTING_HOSTING', 'STARTING_HOSTING', 'STARTING_HOSTING'],
    ['STOPPING_HOSTING', 'STARTING_HOSTING', 'STARTING_HOSTING'],
    ['HOSTING_FAILED', 'STARTING_HOSTING', 'STARTING_HOSTING'],
    ['TRAINED', 'STARTING_HOSTING', 'STARTING_HOSTING'],
    ['HOSTED', undefined, 'TRAINED'],
    ['STARTING_HOSTING', undefined, 'HOSTING_FAILED'],
    ['TRAINED', undefined, 'TRAINED'],
  ] as const)('a status %s left by a gone runtime, moved on to %s, is %s in one write', async (left, to, after) => {
    await db.put('modelVersions', { ...version('x', 1, left), statusMessage: 'left behind' });
    const settled = await settleLeftHosting(db, 'x', to);
    expect(settled.status).toBe(after);
    expect(await db.get('modelVersions', 'x')).toEqual(settled);
    expect(settled.statusMessage).toBe(after === left ? 'left behind' : '');
  });

  it('refuses to start a version that failed to train, leaving it as it was', async () => {
    await db.put('modelVersions', version('f', 1, 'TRAINING_FAILED'));
    const before = await snapshotDatabase(db);
    expect(await failureMessage(settleLeftHosting(db, 'f', 'STARTING_HOSTING'))).toBe(
      'Model 1 failed to train, so it cannot be started. Delete it and train a new version.',
    );
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('leaves alone the versions another tab still trains or hosts (their Web Lock is held)', async () => {
    await db.put('modelVersions', version('t-live', 1, 'TRAINING'));
    await db.put('modelVersions', version('h-live', 2, 'HOSTED'));
    await db.put('modelVersions', version('s-live', 3, 'STARTING_HOSTING'));
    await db.put('modelVersions', version('h-gone', 4, 'HOSTED'));
    const before = await snapshotDatabase(db);
    const held = new Set(['t-live', 'h-live', 's-live'].map(modelVersionLockName));
    expect(await recoverModelVersionsAfterRestart(db, held)).toEqual({ changed: 0, hostAgain: ['h-gone'] });
    // Nothing is written: the one no tab holds is started again from the status it was left in.
    expect(await snapshotDatabase(db)).toEqual(before);
  });
});
