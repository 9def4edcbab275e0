// Route `projects/:projectId/trials/:jobId`: one trial detection's results (spec §7, item 6) —
// progress with cancel/resume, the gallery filtered by prediction, label and verification and sorted
// by confidence, verification of the selection (this page or every shown result), and adding the
// verified images to the training dataset.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { useStoredData } from '../app/useStoredData';
import { useUiStore } from '../app/uiStore';
import { trialLabelOf } from '../domain/trialLabel';
import type { AnomalyLabel, TrialJob, TrialResult } from '../domain/types';
import { describeError } from '../i18n';
import { useCurrentProject } from '../app/ProjectLayout';
import { openSpotcheckDb } from '../storage/db';
import { listAnomalyLabels } from '../storage/labels';
import { addVerifiedResultsToDataset, getTrialJob, listTrialResults, verifyTrialResults } from '../storage/trialJobs';
import { defaultResultFilters, filterCounts, filterResults, type ResultFilters } from './resultFilters';
import { TrialResultCard } from './TrialResultCard';
import { useInterruptedJobRecovery } from './TrialsPage';
import { trialJobRuns } from '../runtime/trialJobRuns';
import { cancelTrialRun, startTrialRun } from './trialRuns';
import './trials.css';

const pageSize = 24;

export function TrialJobPage() {
  const { t } = useTranslation();
  const project = useCurrentProject();
  const { jobId = '' } = useParams();
  useInterruptedJobRecovery(project.id);
  const data = useStoredData(
    async (db): Promise<TrialJobData> => ({ job: await getTrialJob(db, jobId), results: await listTrialResults(db, jobId), labels: await listAnomalyLabels(db, project.id) }),
    [jobId, project.id],
  );
  if (data.status === 'loading') return <p>{t('common.loading')}</p>;
  if (data.status === 'failed') return <p role="alert">{describeError(data.error)}</p>;
  return <TrialJobView {...data.data} />;
}

interface TrialJobData {
  job: TrialJob;
  results: TrialResult[];
  labels: AnomalyLabel[];
}

function TrialJobView({ job, results, labels }: TrialJobData) {
  const { t } = useTranslation();
  const { showError, showInfo, dataChanged } = useUiStore();
  const run = trialJobRuns.useJob(job.id);
  const running = run !== undefined;
  const progress = run?.progress ?? undefined;
  const [filters, setFilters] = useState<ResultFilters>(defaultResultFilters);
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [showMasks, setShowMasks] = useState(true);
  const [confirmAdd, setConfirmAdd] = useState(false);

  const shown = useMemo(() => filterResults(results, filters), [results, filters]);
  const counts = useMemo(() => filterCounts(results), [results]);
  const pageCount = Math.max(1, Math.ceil(shown.length / pageSize));
  const currentPage = Math.min(page, pageCount - 1);
  const pageResults = shown.slice(currentPage * pageSize, (currentPage + 1) * pageSize);
  const judgedSelection = [...selected].filter((id) => results.some((result) => result.id === id && result.prediction));
  const toAdd = results.filter((result) => result.addedToDatasetId === null && trialLabelOf(result));
  const segmentation = results.some((result) => result.prediction && result.prediction.labelAreas.length > 0) || labels.length > 0;
  const done = progress?.done ?? results.filter((result) => result.prediction || result.error !== null).length;

  function setFilter(change: Partial<ResultFilters>) {
    setFilters((current) => ({ ...current, ...change }));
    setPage(0);
  }

  async function verify(ids: readonly string[], verification: TrialResult['verification']) {
    try {
      await verifyTrialResults(await openSpotcheckDb(), ids, verification);
      dataChanged();
    } catch (error) {
      showError(error);
    }
  }

  async function addToDataset() {
    const report = await addVerifiedResultsToDataset(await openSpotcheckDb(), job.id);
    dataChanged();
    showInfo(t('trials:add.done', { added: report.added, updated: report.updated, duplicates: report.skippedDuplicates.length }));
  }

  return (
    <div className="stack">
      <p>
        <Link to={`/projects/${job.projectId}/trials`}>{t('trials:results.back')}</Link>
      </p>
      <h2>{t('trials:results.title', { name: job.name, version: job.modelVersion })}</h2>
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

      <div className="gallery-controls">
        <label>
          <span>{t('trials:filters.prediction')}</span>
          <select value={filters.prediction} onChange={(event) => setFilter({ prediction: event.target.value as ResultFilters['prediction'] })} data-testid="filter-prediction">
            <option value="all">{t('trials:filters.all', { count: results.length })}</option>
            {(['anomaly', 'normal', 'unreadable', 'pending'] as const).map((each) => (
              <option key={each} value={each}>
                {t(`trials:filters.${each}`, { count: counts[each] })}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('trials:filters.verification')}</span>
          <select value={filters.verification} onChange={(event) => setFilter({ verification: event.target.value as ResultFilters['verification'] })} data-testid="filter-verification">
            <option value="all">{t('trials:filters.all', { count: results.length })}</option>
            {(['unverified', 'correct', 'incorrect'] as const).map((each) => (
              <option key={each} value={each}>
                {t(`trials:filters.${each}`, { count: counts[each] })}
              </option>
            ))}
          </select>
        </label>
        {labels.length > 0 && (
          <label>
            <span>{t('trials:filters.label')}</span>
            <select value={filters.labelId ?? ''} onChange={(event) => setFilter({ labelId: event.target.value || null })}>
              <option value="">{t('trials:filters.anyLabel')}</option>
              {labels.map((label) => (
                <option key={label.id} value={label.id}>
                  {label.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          <span>{t('trials:filters.sort')}</span>
          <select value={filters.sort} onChange={(event) => setFilter({ sort: event.target.value as ResultFilters['sort'] })} data-testid="sort-results">
            {(['order', 'confidenceDesc', 'confidenceAsc', 'scoreDesc'] as const).map((each) => (
              <option key={each} value={each}>
                {t(`trials:filters.sorts.${each}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox-field">
          <input type="checkbox" checked={showMasks} onChange={(event) => setShowMasks(event.target.checked)} />
          <span>{t('trials:mask.show')}</span>
        </label>
      </div>

      <div className="gallery-toolbar">
        <span className="gallery-selected-count">{t('trials:results.selected', { count: selected.size })}</span>
        <button type="button" className="button-secondary" onClick={() => setSelected(new Set([...selected, ...pageResults.map((result) => result.id)]))}>
          {t('trials:results.selectPage')}
        </button>
        <button type="button" className="button-secondary" onClick={() => setSelected(new Set(shown.map((result) => result.id)))}>
          {t('trials:results.selectAll', { count: shown.length })}
        </button>
        <button type="button" className="button-quiet" onClick={() => setSelected(new Set())} disabled={selected.size === 0}>
          {t('trials:results.clearSelection')}
        </button>
        <button type="button" onClick={() => void verify(judgedSelection, 'correct')} disabled={judgedSelection.length === 0}>
          {t('trials:results.verifyCorrect')}
        </button>
        <button type="button" onClick={() => void verify(judgedSelection, 'incorrect')} disabled={judgedSelection.length === 0}>
          {t('trials:results.verifyIncorrect')}
        </button>
        <button type="button" onClick={() => setConfirmAdd(true)} disabled={toAdd.length === 0 || running}>
          {t('trials:add.button', { count: toAdd.length })}
        </button>
      </div>

      <ul className="result-cards" aria-label={t('trials:results.list')}>
        {pageResults.map((result) => (
          <TrialResultCard
            key={result.id}
            result={result}
            labels={labels}
            selected={selected.has(result.id)}
            showMask={showMasks}
            fixMaskPath={segmentation && result.prediction ? `results/${result.id}` : null}
            onSelect={(isSelected) => {
              const next = new Set(selected);
              if (isSelected) next.add(result.id);
              else next.delete(result.id);
              setSelected(next);
            }}
            onVerify={(verification) => void verify([result.id], verification)}
          />
        ))}
      </ul>
      {pageCount > 1 && (
        <div className="toolbar">
          <button type="button" className="button-secondary" onClick={() => setPage(currentPage - 1)} disabled={currentPage === 0}>
            {t('trials:results.previousPage')}
          </button>
          <span>{t('trials:results.page', { page: currentPage + 1, pages: pageCount })}</span>
          <button type="button" className="button-secondary" onClick={() => setPage(currentPage + 1)} disabled={currentPage >= pageCount - 1}>
            {t('trials:results.nextPage')}
          </button>
        </div>
      )}
      {confirmAdd && (
        <ConfirmDialog title={t('trials:add.title')} confirmLabel={t('trials:add.confirm')} onConfirm={addToDataset} onClose={() => setConfirmAdd(false)}>
          <p>{t('trials:add.body', { count: toAdd.length })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
