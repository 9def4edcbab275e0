// The work of a trial job run on this tab (src/runtime/trialJobRuns.ts is its background-job kind):
// runs (or resumes) the job; views re-read the stored results as storage announces each judged image.
// Failures end up on the stored job, other errors as a notice. Imported by the app's routes, so the kind
// has its work before anything can start a job.
import { useUiStore } from '../app/uiStore';
import { trialJobRuns } from '../runtime/trialJobRuns';
import { openSpotcheckDb } from '../storage/db';
import { runTrialJob } from './runTrialJob';

trialJobRuns.setRunner(async ({ id: jobId }, { signal, reportProgress }) => {
  try {
    await runTrialJob(await openSpotcheckDb(), jobId, { signal, onProgress: reportProgress });
  } catch (error) {
    useUiStore.getState().showError(error);
  }
});

export const startTrialRun = (jobId: string): Promise<void> => trialJobRuns.start(jobId);
export const cancelTrialRun = (jobId: string): void => trialJobRuns.cancel(jobId);
