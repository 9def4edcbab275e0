// Model versions in IndexedDB: starting a training run (refused while another runs or while the
// dataset rules are unmet), status changes checked against spec §1.2, the failure of a run, and the
// clean-up at app start that turns versions left mid-change (closed tab, crashed worker) into honest states.
import type { IDBPDatabase } from 'idb';
import { UserFacingError } from '../domain/errors';
import { assertTransition, stalePathToStart, statusAfterRestart } from '../domain/modelVersionStatus';
import { checkTrainingReadiness } from '../domain/rules/readiness';
import { summarizeEntries } from '../domain/rules/summarizeEntries';
import type { ModelTag, ModelVersion, ModelVersionStatus } from '../domain/types';
import { describeError, i18n } from '../i18n';
import { issueToError } from '../domain/rules/issues';
import { modelVersionLockName, reserveLiveLock } from './liveLocks';
import type { SpotcheckDB } from './schema';
import { writeTransaction } from './transaction';

export interface NewModelVersion {
  description: string;
  tags: ModelTag[];
  /** The same key twice (a double click, a retried request) returns the first version, not a second run. */
  idempotencyKey: string;
  /** "Train as classification (masks ignored)" (spec §5). */
  trainAsClassification?: boolean;
}

/**
 * Starts a training run: the next version number with status TRAINING, in one transaction that also
 * checks no other version of the project is training and the datasets meet spec §5 (the refusal
 * lists every missing count). The training worker picks the version up by its id. The version's lock
 * is taken before TRAINING is stored and handed to the run (`runTraining`), so a tab starting up in
 * between never takes the run for one left behind.
 */
export async function createModelVersion(db: IDBPDatabase<SpotcheckDB>, projectId: string, request: NewModelVersion): Promise<ModelVersion> {
  const id = crypto.randomUUID();
  const cancelReservation = await reserveLiveLock(modelVersionLockName(id));
  try {
    const version = await storeNewModelVersion(db, projectId, id, request);
    // A repeated request returns the first version, whose run holds its own lock.
    if (version.id !== id) await cancelReservation();
    return version;
  } catch (error) {
    await cancelReservation();
    throw error;
  }
}

async function storeNewModelVersion(db: IDBPDatabase<SpotcheckDB>, projectId: string, id: string, request: NewModelVersion): Promise<ModelVersion> {
  return writeTransaction(db, ['projects', 'datasets', 'entries', 'anomalyLabels', 'modelVersions'], async (transaction) => {
    const versions = transaction.objectStore('modelVersions');
    const [project, existing, datasets, labels] = await Promise.all([
      transaction.objectStore('projects').get(projectId),
      versions.index('by-project').getAll(projectId),
      transaction.objectStore('datasets').index('by-project').getAll(projectId),
      transaction.objectStore('anomalyLabels').index('by-project').getAll(projectId),
    ]);
    if (!project) throw new UserFacingError('project.notFound');
    const repeated = existing.find((version) => version.idempotencyKey === request.idempotencyKey);
    if (repeated) return repeated;
    const running = existing.find((version) => version.status === 'TRAINING');
    if (running) throw new UserFacingError('model.trainingActive', { version: running.version });
    const entriesOf = (datasetId: string) => transaction.objectStore('entries').index('by-dataset').getAll(datasetId);
    const summaryOf = async (type: 'train' | 'test') => {
      const dataset = datasets.find((candidate) => candidate.type === type);
      return dataset ? summarizeEntries(type, await entriesOf(dataset.id), labels) : null;
    };
    const [train, test] = [await summaryOf('train'), await summaryOf('test')];
    const readiness = checkTrainingReadiness({ train, test, trainAsClassification: request.trainAsClassification ?? false });
    if (!readiness.canTrain || !readiness.modelType) {
      const missing = readiness.issues.filter((issue) => issue.severity === 'error').map((issue) => describeError(issueToError(issue)));
      throw new UserFacingError('model.notReady', { missing: missing.join(' ') });
    }
    const version: ModelVersion = {
      id,
      projectId,
      version: existing.reduce((highest, candidate) => Math.max(highest, candidate.version), 0) + 1,
      status: 'TRAINING',
      statusMessage: '',
      createdAt: new Date().toISOString(),
      description: request.description,
      tags: request.tags,
      modelType: readiness.modelType,
      idempotencyKey: request.idempotencyKey,
    };
    await versions.add(version);
    return version;
  });
}

/** The project's versions, newest (highest number) first. */
export async function listModelVersions(db: IDBPDatabase<SpotcheckDB>, projectId: string): Promise<ModelVersion[]> {
  return (await db.getAllFromIndex('modelVersions', 'by-project', projectId)).sort((a, b) => b.version - a.version);
}

/** TRAINING → TRAINING_FAILED with the reason, and none of the run's artifacts kept. */
export async function markTrainingFailed(db: IDBPDatabase<SpotcheckDB>, modelVersionId: string, reason: string): Promise<ModelVersion> {
  return writeTransaction(db, ['modelVersions', 'modelArtifacts'], async (transaction) => {
    const store = transaction.objectStore('modelVersions');
    const version = await store.get(modelVersionId);
    if (!version) throw new UserFacingError('model.notFound');
    assertTransition(version.version, version.status, 'TRAINING_FAILED');
    const artifacts = transaction.objectStore('modelArtifacts');
    for (const key of await artifacts.index('by-model').getAllKeys(modelVersionId)) await artifacts.delete(key);
    const failed: ModelVersion = { ...version, status: 'TRAINING_FAILED', statusMessage: reason };
    await store.put(failed);
    return failed;
  });
}

export async function setModelVersionStatus(db: IDBPDatabase<SpotcheckDB>, id: string, to: ModelVersionStatus, statusMessage = ''): Promise<ModelVersion> {
  return writeTransaction(db, ['modelVersions'], async (transaction) => {
    const store = transaction.objectStore('modelVersions');
    const version = await store.get(id);
    if (!version) throw new UserFacingError('model.notFound');
    assertTransition(version.version, version.status, to);
    const updated = { ...version, status: to, statusMessage };
    await store.put(updated);
    return updated;
  });
}

/**
 * Sets straight a hosting status whose runtime is gone (stalePathToStart: HOSTED → STOPPING_HOSTING →
 * TRAINED, …) and then, if given, moves on to `to` (a new start's STARTING_HOSTING), all in one
 * transaction, so a reload midway never leaves a status in between that nobody starts again. A status
 * that is not left behind is only moved on.
 */
export async function settleLeftHosting(db: IDBPDatabase<SpotcheckDB>, id: string, to?: ModelVersionStatus): Promise<ModelVersion> {
  return writeTransaction(db, ['modelVersions'], async (transaction) => {
    const store = transaction.objectStore('modelVersions');
    const version = await store.get(id);
    if (!version) throw new UserFacingError('model.notFound');
    let status = version.status;
    for (const step of [...(stalePathToStart[status] ?? []), ...(to ? [to] : [])]) {
      assertTransition(version.version, status, step);
      status = step;
    }
    const updated = { ...version, status, statusMessage: status === version.status ? version.statusMessage : '' };
    await store.put(updated);
    return updated;
  });
}

export interface RestartRecovery {
  /** How many versions changed. */
  changed: number;
  /** Versions that were hosted when their tab went away: the user never stopped them, so they are started again. */
  hostAgain: string[];
}

/**
 * Run once at app start, before anything else reads model versions, holding `restartRecoveryLockName`
 * until the versions to host again have their hosting locks (so of two tabs opening at once, the second
 * finds them held and leaves them alone). Another tab may be training or hosting right now: a version
 * whose lock is in `liveLockNames` (liveLocks.ts, the Web Locks held in the browser) is that tab's and
 * stays as it is.
 */
export async function recoverModelVersionsAfterRestart(db: IDBPDatabase<SpotcheckDB>, liveLockNames: ReadonlySet<string>): Promise<RestartRecovery> {
  return writeTransaction(db, ['modelVersions'], async (transaction) => {
    const store = transaction.objectStore('modelVersions');
    const recovery: RestartRecovery = { changed: 0, hostAgain: [] };
    for (const version of await store.getAll()) {
      const recovered = statusAfterRestart(version.status);
      if (!recovered || liveLockNames.has(modelVersionLockName(version.id))) continue;
      if (recovered.hostAgain) recovery.hostAgain.push(version.id);
      if (recovered.status === version.status) continue;
      const statusMessage = recovered.statusMessageKey ? i18n.t(recovered.statusMessageKey, { ns: 'errors' }) : '';
      await store.put({ ...version, status: recovered.status, statusMessage });
      recovery.changed++;
    }
    return recovery;
  });
}
