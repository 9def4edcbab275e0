// The project's trials tab: detect on files, create a trial detection, and the project's trial
// detections with their progress (resume, cancel, delete). Opening it settles jobs a closed tab left
// RUNNING, so none stays running for ever.
import { useEffect } from 'react';
import { useCurrentProject } from '../app/ProjectLayout';
import { useUiStore } from '../app/uiStore';
import { openSpotcheckDb } from '../storage/db';
import { CreateTrialJob } from './CreateTrialJob';
import { DetectOnFiles } from './DetectOnFiles';
import { recoverInterruptedTrialJobs } from './runTrialJob';
import { TrialJobList } from './TrialJobList';
import { trialJobRuns } from '../runtime/trialJobRuns';
import './trials.css';

export function TrialsPage() {
  const project = useCurrentProject();
  useInterruptedJobRecovery(project.id);
  return (
    <div className="stack">
      <DetectOnFiles project={project} />
      <CreateTrialJob project={project} />
      <TrialJobList projectId={project.id} />
    </div>
  );
}

export function useInterruptedJobRecovery(projectId: string): void {
  const showError = useUiStore((state) => state.showError);
  useEffect(() => {
    void (async () => {
      const startingHere = (jobId: string) => trialJobRuns.status(jobId) !== undefined;
      await recoverInterruptedTrialJobs(await openSpotcheckDb(), projectId, startingHere);
    })().catch(showError);
  }, [projectId, showError]);
}
