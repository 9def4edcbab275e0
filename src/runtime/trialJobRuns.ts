// Trial detection jobs as background jobs of this tab. The kind lives here so that every feature can
// start one (the trials views and the camera's "capture into a trial job"); the work itself — judging
// the job's images with its model — is set by src/trials/trialRuns.ts.
import { defineBackgroundJobKind } from './backgroundJobs';

export interface TrialRunProgress {
  stage: 'startingModel' | 'detecting';
  done: number;
  total: number;
}

export const trialJobRuns = defineBackgroundJobKind<undefined, TrialRunProgress>('trial job');
