// The project's Models tab: training (readiness, the Train dialog, progress of runs), the versions with
// their lifecycle actions, and importing a model package.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useStoredData } from '../app/useStoredData';
import { TrainingReadinessView, useTrainingReadiness } from '../app/TrainingReadinessPanel';
import { describeError } from '../i18n';
import { useCurrentProject } from '../app/ProjectLayout';
import { listModelVersions } from '../storage/modelVersions';
import { ImportModelButton } from './ImportModelButton';
import { ModelVersionsTable } from './ModelVersionsTable';
import { TrainingProgressPanel } from './TrainingProgressPanel';
import { TrainModelDialog } from './TrainModelDialog';
import { trainingJobs } from './trainingJobs';
import './models.css';

export function ModelsPage() {
  const { t } = useTranslation();
  const project = useCurrentProject();
  const [asClassification, setAsClassification] = useState(false);
  const readiness = useTrainingReadiness(project.id, asClassification);
  const versions = useStoredData(['modelVersions'], (db) => listModelVersions(db, project.id), [project.id]);
  const allJobs = trainingJobs.useJobs();
  const jobs = useMemo(() => Object.values(allJobs).filter((job) => job.info.version.projectId === project.id), [allJobs, project.id]);
  const [training, setTraining] = useState(false);

  if (versions.status === 'failed') return <p role="alert">{describeError(versions.error)}</p>;
  if (versions.status !== 'ready' || readiness.status !== 'ready') return <p>{t('common.loading')}</p>;
  const activeRun = versions.data.find((version) => version.status === 'TRAINING');
  const canTrain = readiness.data.canTrain && !activeRun;
  return (
    <div className="stack">
      <section className="stack" aria-label={t('models:train.section')}>
        <div className="toolbar">
          <button type="button" onClick={() => setTraining(true)} disabled={!canTrain || training}>
            {t('models:train.action')}
          </button>
          <ImportModelButton projectId={project.id} />
          {versions.data.length > 1 && (
            <Link className="button-link button-secondary" to="compare">
              {t('models:compare.action')}
            </Link>
          )}
        </div>
        {activeRun && <p className="hint">{t('models:train.activeRun', { version: activeRun.version })}</p>}
        {(readiness.data.offerTrainAsClassification || asClassification) && (
          <label className="checkbox-field">
            <input type="checkbox" checked={asClassification} onChange={(event) => setAsClassification(event.target.checked)} />
            <span>{t('models:train.asClassification')}</span>
          </label>
        )}
        {!readiness.data.canTrain && <TrainingReadinessView readiness={readiness.data} />}
        {jobs.map((job) => (
          <TrainingProgressPanel key={job.id} job={job} />
        ))}
      </section>
      {versions.data.length === 0 ? <p className="empty">{t('models:list.empty')}</p> : <ModelVersionsTable project={project} versions={versions.data} />}
      {training && (
        <TrainModelDialog projectId={project.id} readiness={readiness.data} trainAsClassification={asClassification} onClose={() => setTraining(false)} />
      )}
    </div>
  );
}
