// Route `projects/:projectId/trials/:jobId`: one trial detection's results (spec §7, item 6) —
// progress with cancel/resume (TrialJobStatus), the gallery filtered by prediction, label and
// verification and sorted by confidence (ResultFilterBar), verification of the selection (this page or
// every shown result) and adding the verified images to the training dataset (ResultSelectionBar).
import { duplicateConflictMessages } from '../app/duplicateConflicts';
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
import { trialJobRuns } from '../runtime/trialJobRuns';
import { ResultFilterBar } from './ResultFilterBar';
import { ResultSelectionBar } from './ResultSelectionBar';
import { TrialJobStatus } from './TrialJobStatus';
import { TrialResultCard } from './TrialResultCard';
import { useInterruptedJobRecovery } from './TrialsPage';
import './trials.css';

const pageSize = 24;

export function TrialJobPage() {
  const { t } = useTranslation();
  const project = useCurrentProject();
  const { jobId = '' } = useParams();
  useInterruptedJobRecovery(project.id);
  const data = useStoredData(
    ['trialJobs', 'trialResults', 'anomalyLabels'],
    async (db): Promise<TrialJobData> => ({
      job: await getTrialJob(db, jobId),
      results: await listTrialResults(db, jobId),
      labels: await listAnomalyLabels(db, project.id),
    }),
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
  const { showError, showInfo } = useUiStore();
  const running = trialJobRuns.useJob(job.id) !== undefined;
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

  function setFilter(change: Partial<ResultFilters>) {
    setFilters((current) => ({ ...current, ...change }));
    setPage(0);
  }

  function select(resultId: string, isSelected: boolean) {
    const next = new Set(selected);
    if (isSelected) next.add(resultId);
    else next.delete(resultId);
    setSelected(next);
  }

  async function verify(ids: readonly string[], verification: TrialResult['verification']) {
    try {
      await verifyTrialResults(await openSpotcheckDb(), ids, verification);
    } catch (error) {
      showError(error);
    }
  }

  async function addToDataset() {
    const report = await addVerifiedResultsToDataset(await openSpotcheckDb(), job.id);
    showInfo(t('trials:add.done', { added: report.added, updated: report.updated, duplicates: report.skippedDuplicates.length }));
    for (const message of duplicateConflictMessages(t, report.skippedDuplicates)) showInfo(message);
  }

  return (
    <div className="stack">
      <p>
        <Link to={`/projects/${job.projectId}/trials`}>{t('trials:results.back')}</Link>
      </p>
      <h2>{t('trials:results.title', { name: job.name, version: job.modelVersion })}</h2>
      <TrialJobStatus job={job} results={results} />
      <ResultFilterBar
        filters={filters}
        onChange={setFilter}
        counts={counts}
        resultCount={results.length}
        labels={labels}
        showMasks={showMasks}
        onShowMasksChange={setShowMasks}
      />
      <ResultSelectionBar
        selectedCount={selected.size}
        shownCount={shown.length}
        onSelectPage={() => setSelected(new Set([...selected, ...pageResults.map((result) => result.id)]))}
        onSelectShown={() => setSelected(new Set(shown.map((result) => result.id)))}
        onClear={() => setSelected(new Set())}
        judgedCount={judgedSelection.length}
        onVerify={(verification) => void verify(judgedSelection, verification)}
        addableCount={toAdd.length}
        canAdd={toAdd.length > 0 && !running}
        onAdd={() => setConfirmAdd(true)}
      />

      <ul className="result-cards" aria-label={t('trials:results.list')}>
        {pageResults.map((result) => (
          <TrialResultCard
            key={result.id}
            result={result}
            labels={labels}
            selected={selected.has(result.id)}
            showMask={showMasks}
            fixMaskPath={segmentation && result.prediction ? `results/${result.id}` : null}
            onSelect={(isSelected) => select(result.id, isSelected)}
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
