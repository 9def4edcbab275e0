// Running a trial detection job on this tab: starts its model in the detection worker when needed,
// judges every image not judged yet (so a stopped or interrupted job resumes where it was), stores
// each result as it comes, and ends COMPLETED, STOPPED (cancelled) or FAILED with the reason.
// Cancelling stops between images instead of aborting the bridge: aborting would terminate the one
// detection worker and with it every started model (the camera's too).
// A Web Lock per job tells every tab which jobs still run; RUNNING jobs without one were interrupted.
import { detect } from '../runtime/detection';
import { startModelAndWait, describeModel } from '../runtime/modelHosting';
import { UserFacingError } from '../domain/errors';
import { modelComponentOf } from '../domain/modelComponent';
import type { TrialJob } from '../domain/types';
import { describeError, i18n } from '../i18n';
import { listAnomalyLabels } from '../storage/labels';
import { liveLockNames, trialJobLockName, withLiveLock } from '../storage/liveLocks';
import { getProject } from '../storage/projects';
import type { SpotcheckDatabase } from '../storage/schema';
import {
  beginTrialJobRun,
  finishTrialJobRun,
  markTrialJobsInterrupted,
  pendingTrialResults,
  recordTrialError,
  recordTrialPrediction,
} from '../storage/trialJobs';
import type { DetectionOutput } from '../contracts/detectionWorkerApi';
import { DetectionRuntimeError } from '../../workers/runtime/runtimeErrors';
import { trialPredictionOf } from './trialPrediction';
import type { TrialRunProgress } from '../runtime/trialJobRuns';

export interface RunTrialJobOptions {
  /** Checked between images: the image being judged finishes, then the job stops. */
  signal?: AbortSignal;
  onProgress?: (progress: TrialRunProgress) => void;
}

/** Jobs this tab runs, known before its lock is granted. */
const runningHere = new Set<string>();

/** Runs the job to its end; resolves with the job as stored at the end (COMPLETED, STOPPED or FAILED). */
export async function runTrialJob(db: SpotcheckDatabase, jobId: string, options: RunTrialJobOptions = {}): Promise<TrialJob> {
  if (runningHere.has(jobId)) throw new UserFacingError('trials:errors.alreadyRunning');
  runningHere.add(jobId);
  try {
    return await withLiveLock(
      trialJobLockName(jobId),
      () => runHoldingLock(db, jobId, options),
      () => {
        throw new UserFacingError('trials:errors.alreadyRunning');
      },
    );
  } finally {
    runningHere.delete(jobId);
  }
}

/**
 * RUNNING jobs of the project that no tab runs any more become STOPPED, resumable, with the reason.
 * `startingHere` names jobs this tab is about to run (asked for, not yet in runTrialJob).
 */
export async function recoverInterruptedTrialJobs(db: SpotcheckDatabase, projectId: string, startingHere: (jobId: string) => boolean): Promise<number> {
  const heldNames = await liveLockNames();
  return markTrialJobsInterrupted(
    db,
    projectId,
    (jobId) => startingHere(jobId) || runningHere.has(jobId) || heldNames.has(trialJobLockName(jobId)),
    (done, total) => i18n.t('trials:run.interrupted', { done, total }),
  );
}

async function runHoldingLock(db: SpotcheckDatabase, jobId: string, { signal, onProgress }: RunTrialJobOptions): Promise<TrialJob> {
  const job = await beginTrialJobRun(db, jobId);
  const total = job.imageCount;
  try {
    const project = await getProject(db, job.projectId);
    const component = modelComponentOf(project.name, job.modelVersion);
    const pending = await pendingTrialResults(db, jobId);
    let done = total - pending.length;
    onProgress?.({ stage: 'startingModel', done, total });
    await ensureModelRunning(component);
    const labels = await listAnomalyLabels(db, job.projectId);
    onProgress?.({ stage: 'detecting', done, total });
    for (const result of pending) {
      if (signal?.aborted) return await finishTrialJobRun(db, jobId, 'STOPPED', i18n.t('trials:run.cancelled', { done, total }));
      const image = await db.get('images', result.imageId);
      if (!image) {
        await recordTrialError(db, result.id, i18n.t('trials:run.imageMissing'));
      } else {
        const outcome = await detectOne(component, image.blob);
        if ('refused' in outcome) await recordTrialError(db, result.id, outcome.refused);
        else await recordTrialPrediction(db, result.id, ...trialPredictionOf(outcome, labels));
      }
      done += 1;
      onProgress?.({ stage: 'detecting', done, total });
    }
    return await finishTrialJobRun(db, jobId, 'COMPLETED');
  } catch (error) {
    return finishTrialJobRun(db, jobId, 'FAILED', failureText(error));
  }
}

async function ensureModelRunning(component: string): Promise<void> {
  const current = await describeModel(component);
  if (current.status === 'RUNNING') return;
  const started = await startModelAndWait(component);
  if (started.status !== 'RUNNING') throw new UserFacingError('trials:errors.modelNotRunning', { component, detail: started.status_message || started.status });
}

/** The result, or why the runtime refused this one image (the job goes on without it); a stopped or failed model ends the job. */
async function detectOne(component: string, image: Blob): Promise<DetectionOutput | { refused: string }> {
  const attempt = await detect(component, image, 'wait');
  if (attempt.kind === 'detected') return attempt.output;
  if (attempt.kind === 'refused') return { refused: attempt.reason };
  throw attempt.error;
}

function failureText(error: unknown): string {
  if (error instanceof DetectionRuntimeError) return i18n.t('trials:run.runtimeFailed', { name: error.name, details: error.details });
  return describeError(error);
}
