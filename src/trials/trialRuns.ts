// The work of a trial job run on this tab (src/runtime/trialJobRuns.ts is its background-job kind):
// runs (or resumes) the job, re-reading the stored results as images are judged; failures end up on
// the stored job, other errors as a notice. Imported by the app's routes, so the kind has its work
// before anything can start a job.
import { useUiStore } from '../app/uiStore';
import { trialJobRuns } from '../runtime/trialJobRuns';
import { openSpotcheckDb } from '../storage/db';
import { runTrialJob } from './runTrialJob';

/** Stored results are re-read at most this often while a job runs (each re-read lists every result). */
const refreshIntervalMs = 1_000;

trialJobRuns.setRunner(async ({ id: jobId }, { signal, reportProgress }) => {
  const { dataChanged, showError } = useUiStore.getState();
  let lastRefreshMs = 0;
  try {
    await runTrialJob(await openSpotcheckDb(), jobId, {
      signal,
      onProgress: (progress) => {
        reportProgress(progress);
        const nowMs = Date.now();
        if (nowMs - lastRefreshMs >= refreshIntervalMs) {
          lastRefreshMs = nowMs;
          dataChanged();
        }
      },
    });
  } catch (error) {
    showError(error);
  } finally {
    dataChanged();
  }
});

export const startTrialRun = (jobId: string): Promise<void> => trialJobRuns.start(jobId);
export const cancelTrialRun = (jobId: string): void => trialJobRuns.cancel(jobId);
