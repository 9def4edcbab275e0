// Training runs that do not finish, through the real training worker in Chromium: a worker that crashes
// mid-run (a genuine uncaught error inside it, reported by the browser as the worker's `error` event) and a
// backbone file the server does not have. Either way the version ends TRAINING_FAILED with a reason a
// person can act on, and the rest of the store — no artifacts above all — is as it was before the run.
import type { IDBPDatabase } from 'idb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingWorker } from '../../src/app/workers';
import { isUserFacingError } from '../../src/domain/errors';
import type { Project } from '../../src/domain/types';
import { runTraining } from '../../src/models/training/runTraining';
import { closeSpotcheckDb, openSpotcheckDb } from '../../src/storage/db';
import { liveLockNames, modelVersionLockName } from '../../src/storage/liveLocks';
import { createModelVersion, recoverModelVersionsAfterRestart } from '../../src/storage/modelVersions';
import type { SpotcheckDB } from '../../src/storage/schema';
import { createWorkerBridge } from '../../workers/bridge';
import { backboneModelPath } from '../../workers/engine/backbone/registry';
import type { TrainingProgressReport, TrainingWorkerApi } from '../../src/contracts/trainingWorkerApi';
import { freshDbName, snapshotDatabase, type DatabaseSnapshot } from '../fixtures/storageTestKit';
import { writeSyntheticProject } from '../fixtures/syntheticProject';

const side = 64;
/** Several epochs of the head, so the crash at the first one lands well before the final commit. */
const headSchedule = { maxEpochs: 4, batchSize: 8192 };
const trainingTimeoutMs = 300_000;

let db: IDBPDatabase<SpotcheckDB>;
let databaseName: string;
let project: Project;

beforeAll(async () => {
  databaseName = freshDbName();
  db = await openSpotcheckDb(databaseName);
  project = await writeSyntheticProject(db, { name: 'failing-parts', seed: 5, side, normalCount: 20, perDefectCount: 20, defectTypes: ['missing-component'] });
});

afterAll(async () => {
  trainingWorker.terminate();
  await closeSpotcheckDb(databaseName);
  indexedDB.deleteDatabase(databaseName);
});

/** The store without the one version record the run may change (snapshot keys are JSON). */
function withoutVersion(snapshot: DatabaseSnapshot, versionId: string): DatabaseSnapshot {
  const { [JSON.stringify(versionId)]: _changed, ...otherVersions } = snapshot.modelVersions ?? {};
  return { ...snapshot, modelVersions: otherVersions };
}

describe('training runs that fail', () => {
  it('marks a version whose worker crashed mid-run TRAINING_FAILED with the crash detail and stores no artifact', { timeout: trainingTimeoutMs }, async () => {
    let worker: Worker | undefined;
    // The app's training worker, behind a bridge of its own so the test can reach the Worker object.
    const bridge = createWorkerBridge<TrainingWorkerApi>(() => {
      worker = new Worker(new URL('../../workers/training.worker.ts', import.meta.url), { type: 'module', name: 'training' });
      return worker;
    });
    const version = await createModelVersion(db, project.id, { description: 'crashes', tags: [], idempotencyKey: 'run-crash' });
    const before = await snapshotDatabase(db);
    const reports: TrainingProgressReport[] = [];
    let crashed = false;
    const run = runTraining(db, version.id, {
      bridge,
      backend: 'wasm',
      seed: 3,
      segmentation: headSchedule,
      onProgress: (report) => {
        reports.push(report);
        if (crashed || report.stage !== 'segmentation') return;
        crashed = true;
        // A message the worker's handler cannot read throws there, uncaught: the browser reports it to
        // the page as the worker's `error` event, exactly as it does for any crash inside the worker.
        worker!.postMessage({ argumentList: 'not a list' });
      },
    });

    const error = await run.then(
      () => expect.unreachable('the crashed run should have been refused'),
      (failure: unknown) => failure,
    );
    expect(isUserFacingError(error) && error.code).toBe('worker.crashed');
    expect(reports.some((report) => report.stage === 'segmentation')).toBe(true);
    const failed = (await db.get('modelVersions', version.id))!;
    expect(failed.status).toBe('TRAINING_FAILED');
    expect(failed.statusMessage).toMatch(/^Training stopped unexpectedly: .*TypeError.*is not a function/);
    expect(await db.getAllKeysFromIndex('modelArtifacts', 'by-model', version.id)).toEqual([]);
    expect(withoutVersion(await snapshotDatabase(db), version.id)).toEqual(withoutVersion(before, version.id));
    bridge.terminate();
  });

  it('names the backbone file and the fix when the server does not have it, and stores no artifact', { timeout: trainingTimeoutMs }, async () => {
    // An id the build publishes no `/models/<id>.onnx` for: the server answers as for any missing file.
    const backboneId = 'unpublished_backbone';
    const version = await createModelVersion(db, project.id, { description: 'no backbone', tags: [], idempotencyKey: 'run-no-backbone' });
    const before = await snapshotDatabase(db);
    await expect(runTraining(db, version.id, { backend: 'wasm', seed: 3, backboneId })).rejects.toMatchObject({ code: 'model.backboneUnavailable' });
    const failed = (await db.get('modelVersions', version.id))!;
    expect(failed.status).toBe('TRAINING_FAILED');
    expect(failed.statusMessage).toMatch(
      new RegExp(
        `^The feature extractor ${backboneId} could not be loaded from /${backboneModelPath(backboneId).replaceAll('.', '\\.')} \\((HTTP 404.*|the server sent a web page instead of the model)\\)\\. ` +
          'Open the app once while online so that it is stored for offline use \\(or reinstall the app if it still fails\\), then train again\\.$',
      ),
    );
    expect(await db.getAllKeysFromIndex('modelArtifacts', 'by-model', version.id)).toEqual([]);
    expect(withoutVersion(await snapshotDatabase(db), version.id)).toEqual(withoutVersion(before, version.id));
  });

  it(
    'holds the version lock from the moment TRAINING is stored, so a tab starting up before the run begins leaves it alone',
    { timeout: trainingTimeoutMs },
    async () => {
      const version = await createModelVersion(db, project.id, { description: 'locked from the start', tags: [], idempotencyKey: 'run-locked' });
      // What a tab opened right now does at start-up (main.tsx), in the gap before this tab's run begins.
      expect(await recoverModelVersionsAfterRestart(db, await liveLockNames())).toEqual({ changed: 0, hostAgain: [] });
      expect((await db.get('modelVersions', version.id))!.status).toBe('TRAINING');
      // The run takes over the lock (it would refuse a lock held elsewhere) and gives it up when it ends.
      await expect(runTraining(db, version.id, { backend: 'wasm', seed: 3, backboneId: 'unpublished_backbone' })).rejects.toMatchObject({
        code: 'model.backboneUnavailable',
      });
      expect((await db.get('modelVersions', version.id))!.status).toBe('TRAINING_FAILED');
      expect([...(await liveLockNames())]).not.toContain(modelVersionLockName(version.id));
    },
  );
});
