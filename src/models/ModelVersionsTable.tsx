// The project's model versions (spec §6 model list, plus type, F1 and tags), newest first, each with
// its lifecycle actions: start/stop, tags, export, delete. A row whose stored record cannot be shown
// becomes a notice that still offers Delete, so one damaged record never takes the page down.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorBoundary } from '../app/ErrorBoundary';
import { useStoredData } from '../app/useStoredData';
import type { ClassificationSummary } from '../contracts/metrics';
import { previewThreshold, testScoreSweep } from '../domain/evaluation/thresholdPreview';
import type { ModelVersion, Project } from '../domain/types';
import { readTestResults } from '../storage/modelEvaluation';
import { isTrainedStatus } from '../storage/modelFiles';
import { DeleteModelButton } from './DeleteModelButton';
import { EditTagsButton } from './EditTagsButton';
import { ExportModelButton } from './ExportModelButton';
import { ExportInferenceServerButton } from './ExportInferenceServerButton';
import { formatDateTime, formatPercent } from '../i18n/format';
import { ModelHostingButton } from './ModelHostingButton';
import { modelStatusText } from './modelStatusText';
import { ImportCheckNote } from './ImportCheckNote';
import { trainingJobs, type TrainingJob } from './trainingJobs';

export function ModelVersionsTable({ project, versions }: { project: Project; versions: readonly ModelVersion[] }) {
  const { t } = useTranslation();
  const jobs = trainingJobs.useJobs();
  return (
    <table className="table" data-testid="model-versions">
      <thead>
        <tr>
          <th>{t('models:list.model')}</th>
          <th>{t('models:list.status')}</th>
          <th>{t('models:list.type')}</th>
          <th>{t('models:list.created')}</th>
          <th>{t('models:list.precision')}</th>
          <th>{t('models:list.recall')}</th>
          <th>{t('models:list.f1')}</th>
          <th>{t('models:list.tags')}</th>
          <th>{t('models:list.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((version) => (
          <ErrorBoundary key={version.id} fallback={<DamagedModelRow version={version} />}>
            <ModelVersionRow version={version} project={project} job={jobs[version.id]} />
          </ErrorBoundary>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Precision, recall and F1 at the threshold detection uses now: the trained figures, or, once another threshold
 * was saved, the test images re-decided at it (the model detail's threshold preview, src/domain/evaluation).
 */
function ImageFigures({ version }: { version: ModelVersion }) {
  const moved = version.anomalyThreshold !== undefined && version.anomalyThreshold !== version.trainedAnomalyThreshold;
  const tested = useStoredData(['modelArtifacts'], (db) => (moved ? readTestResults(db, version) : Promise.resolve([])), [moved, version.id, version.version]);
  let figures: ClassificationSummary | undefined = version.performance;
  if (moved) {
    const ready = tested.status === 'ready' && tested.data.length > 0;
    figures = ready ? previewThreshold(testScoreSweep(tested.data), version.anomalyThreshold!) : undefined;
  }
  const threshold = figures ? version.anomalyThreshold : undefined;
  return (
    <>
      <td>{formatPercent(figures?.precision)}</td>
      <td>{formatPercent(figures?.recall)}</td>
      <td data-testid="model-f1" data-threshold={threshold}>
        {formatPercent(figures?.f1)}
      </td>
    </>
  );
}

function ModelVersionRow({ version, project, job }: { version: ModelVersion; project: Project; job: TrainingJob | undefined }) {
  const { t } = useTranslation();
  return (
    <tr data-model-version={version.version} data-status={version.status}>
      <td>
        <Link to={String(version.version)}>{t('models:list.name', { version: version.version })}</Link>
        {version.description && <div className="hint">{version.description}</div>}
        <ImportCheckNote version={version} />
      </td>
      <td data-testid="model-status">{modelStatusText(t, version, job?.progress?.report)}</td>
      <td>{t(`models:type.${version.modelType}`)}</td>
      <td>{formatDateTime(version.createdAt)}</td>
      <ImageFigures version={version} />
      <td data-testid="model-tags">
        <ul className="tag-list">
          {version.tags.map((tag) => (
            <li key={tag.Key} className="chip">
              {tag.Value ? t('models:tags.pair', { key: tag.Key, value: tag.Value }) : tag.Key}
            </li>
          ))}
        </ul>
      </td>
      <td>
        <div className="row-actions">
          <ModelHostingButton version={version} projectName={project.name} />
          <EditTagsButton version={version} />
          {isTrainedStatus(version.status) && <ExportModelButton version={version} />}
          {isTrainedStatus(version.status) && <ExportInferenceServerButton version={version} projectName={project.name} />}
          <DeleteModelButton version={version} />
        </div>
      </td>
    </tr>
  );
}

/** A version whose stored record cannot be shown (a damaged or foreign record): say so, and let it be deleted. */
function DamagedModelRow({ version }: { version: ModelVersion }) {
  const { t } = useTranslation();
  return (
    <tr data-model-version={String(version.version)} data-testid="damaged-model-version">
      <td colSpan={8} role="alert">
        {t('models:list.damaged', { version: String(version.version) })}
      </td>
      <td>
        <div className="row-actions">
          <DeleteModelButton version={version} />
        </div>
      </td>
    </tr>
  );
}
