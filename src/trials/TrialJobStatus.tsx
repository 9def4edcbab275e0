// A trial job's state line: its stored status (or "starting the model" while this tab starts it),
// images judged so far, cancel while this tab runs it, resume when it stopped or failed, and the
// stored reason it ended as it did, and every chosen file left out of the job with why.
import { useTranslation } from 'react-i18next';
import { issueToError } from '../domain/rules/issues';
import type { TrialJob, TrialResult } from '../domain/types';
import { describeError } from '../i18n';
import { trialJobRuns } from '../runtime/trialJobRuns';
import { cancelTrialRun, startTrialRun } from './trialRuns';

export function TrialJobStatus({ job, results }: { job: TrialJob; results: readonly TrialResult[] }) {
  const { t } = useTranslation();
  const run = trialJobRuns.useJob(job.id);
  const running = run !== undefined;
  const progress = run?.progress;
  const done = progress?.done ?? results.filter((result) => result.prediction || result.error !== null).length;
  return (
    <>
      <div className="progress-row" role="status" data-testid="trial-status" data-status={job.status}>
        <span>{progress?.stage === 'startingModel' ? t('trials:model.starting') : t(`trials:jobs.state.${job.status}`)}</span>
        <progress max={job.imageCount} value={done} />
        <span>{t('trials:jobs.doneOf', { done, total: job.imageCount })}</span>
        {running && (
          <button type="button" className="button-quiet" onClick={() => cancelTrialRun(job.id)}>
            {t('actions.cancel')}
          </button>
        )}
        {!running && job.status !== 'COMPLETED' && job.status !== 'RUNNING' && (
          <button type="button" className="button-secondary" onClick={() => void startTrialRun(job.id)}>
            {t('trials:jobs.resume')}
          </button>
        )}
      </div>
      {job.statusMessage && <p className="hint">{job.statusMessage}</p>}
      <LeftOutFiles job={job} />
    </>
  );
}

function LeftOutFiles({ job }: { job: TrialJob }) {
  const { t } = useTranslation();
  const leftOut = job.leftOut ?? [];
  if (leftOut.length === 0) return null;
  return (
    <div className="notice-info" data-testid="trial-left-out">
      <p>{t('trials:jobs.leftOut', { count: leftOut.length })}</p>
      <ul>
        {leftOut.map((issue) => {
          const message = describeError(issueToError(issue));
          return <li key={message}>{message}</li>;
        })}
      </ul>
    </div>
  );
}
