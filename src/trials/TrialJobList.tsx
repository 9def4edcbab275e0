// The project's trial detections, newest first: status (with the reason when failed or stopped),
// progress, verification counts, and open / resume / cancel / delete.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { useStoredData } from '../app/useStoredData';
import type { TrialJob } from '../domain/types';
import { describeError } from '../i18n';
import { openSpotcheckDb } from '../storage/db';
import { deleteTrialJob, listTrialJobs, type TrialJobSummary } from '../storage/trialJobs';
import { trialJobRuns } from '../runtime/trialJobRuns';
import { cancelTrialRun, startTrialRun } from './trialRuns';
import { formatDateTime } from '../i18n/format';

export function TrialJobList({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const jobs = useStoredData(['trialJobs', 'trialResults'], (db) => listTrialJobs(db, projectId), [projectId]);
  const [deleting, setDeleting] = useState<TrialJob | null>(null);

  return (
    <section className="trial-section" aria-labelledby="trial-jobs-title">
      <h2 id="trial-jobs-title">{t('trials:jobs.title')}</h2>
      {jobs.status === 'loading' && <p>{t('common.loading')}</p>}
      {jobs.status === 'failed' && <p role="alert">{describeError(jobs.error)}</p>}
      {jobs.status === 'ready' && jobs.data.length === 0 && <p className="hint">{t('trials:jobs.none')}</p>}
      {jobs.status === 'ready' && jobs.data.length > 0 && (
        <table className="table trial-jobs">
          <thead>
            <tr>
              <th>{t('trials:jobs.name')}</th>
              <th>{t('trials:jobs.model')}</th>
              <th>{t('trials:jobs.status')}</th>
              <th>{t('trials:jobs.progress')}</th>
              <th>{t('trials:jobs.verified')}</th>
              <th>{t('trials:jobs.created')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {jobs.data.map((summary) => (
              <JobRow key={summary.job.id} summary={summary} onDelete={() => setDeleting(summary.job)} />
            ))}
          </tbody>
        </table>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('trials:jobs.deleteTitle', { name: deleting.name })}
          confirmLabel={t('trials:jobs.delete')}
          danger
          onConfirm={async () => {
            await deleteTrialJob(await openSpotcheckDb(), deleting.id);
          }}
          onClose={() => setDeleting(null)}
        >
          <p>{t('trials:jobs.deleteBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function JobRow({ summary, onDelete }: { summary: TrialJobSummary; onDelete: () => void }) {
  const { t } = useTranslation();
  const { job } = summary;
  const run = trialJobRuns.useJob(job.id);
  const running = run !== undefined;
  const progress = run?.progress ?? undefined;
  const done = progress?.done ?? summary.done;
  return (
    <tr data-testid="trial-job" data-job-name={job.name} data-status={job.status}>
      <td>
        <Link to={job.id}>{job.name}</Link>
      </td>
      <td>{t('trials:model.option', { version: job.modelVersion })}</td>
      <td>
        <span>{t(`trials:jobs.state.${job.status}`)}</span>
        {job.statusMessage && <p className="hint">{job.statusMessage}</p>}
      </td>
      <td>
        <progress max={job.imageCount} value={done} aria-label={t('trials:jobs.progress')} /> {t('trials:jobs.doneOf', { done, total: job.imageCount })}
      </td>
      <td>{t('trials:jobs.verifiedCount', { verified: summary.verified, added: summary.added })}</td>
      <td>{formatDateTime(job.createdAt)}</td>
      <td className="row-actions">
        {running ? (
          <button type="button" className="button-quiet" onClick={() => cancelTrialRun(job.id)}>
            {t('actions.cancel')}
          </button>
        ) : (
          job.status !== 'COMPLETED' &&
          job.status !== 'RUNNING' && (
            <button type="button" className="button-secondary" onClick={() => void startTrialRun(job.id)}>
              {t('trials:jobs.resume')}
            </button>
          )
        )}
        <button type="button" className="button-danger-quiet" onClick={onDelete} disabled={job.status === 'RUNNING'}>
          {t('trials:jobs.delete')}
        </button>
      </td>
    </tr>
  );
}
