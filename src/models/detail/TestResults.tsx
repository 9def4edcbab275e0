// The test-results overview (spec §6 "Test results"): how many test images the model got right at the
// previewed threshold, then every test image a page at a time, filterable to the mistakes, with the
// mask overlay switchable for segmentation models.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TestImageResult } from '../../contracts/evaluation';
import { isCorrect } from '../../domain/evaluation/thresholdPreview';
import type { AnomalyLabel, DatasetEntry } from '../../domain/types';
import { formatDecimals } from '../../i18n/format';
import { TestResultCard } from './TestResultCard';

/** Cards per page: a tablet screen or two; each card decodes its masks only while shown. */
export const testResultsPageSize = 24;

type ResultFilter = 'all' | 'correct' | 'incorrect';
const filters: readonly ResultFilter[] = ['all', 'correct', 'incorrect'];

interface TestResultsProps {
  modelVersionId: string;
  predictions: readonly TestImageResult[];
  threshold: number;
  scoreDecimals: number;
  entries: ReadonlyMap<string, DatasetEntry>;
  labels: readonly AnomalyLabel[];
  segmentation: boolean;
}

export function TestResults({ modelVersionId, predictions, threshold, scoreDecimals, entries, labels, segmentation }: TestResultsProps) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<ResultFilter>('all');
  const [page, setPage] = useState(0);
  const [showMasks, setShowMasks] = useState(true);
  const correct = predictions.filter(isCorrect).length;
  const counts: Record<ResultFilter, number> = { all: predictions.length, correct, incorrect: predictions.length - correct };
  const shown = filter === 'all' ? predictions : predictions.filter((prediction) => isCorrect(prediction) === (filter === 'correct'));
  const pageCount = Math.max(1, Math.ceil(shown.length / testResultsPageSize));
  // A filter change or a threshold move can shrink the list under the current page.
  const currentPage = Math.min(page, pageCount - 1);
  const pageItems = shown.slice(currentPage * testResultsPageSize, (currentPage + 1) * testResultsPageSize);

  return (
    <section className="model-detail-section" aria-labelledby="test-results-title">
      <h2 id="test-results-title">{t('modelDetail:results.title')}</h2>
      <p data-testid="results-counts">
        {t('modelDetail:results.counts', { correct: counts.correct, incorrect: counts.incorrect, threshold: formatDecimals(threshold, scoreDecimals) })}
      </p>
      <div className="toolbar">
        <div role="radiogroup" aria-label={t('modelDetail:results.filterLabel')} className="segmented">
          {filters.map((value) => (
            <label key={value} className="segmented-option">
              <input
                type="radio"
                name="test-result-filter"
                value={value}
                checked={filter === value}
                onChange={() => {
                  setFilter(value);
                  setPage(0);
                }}
              />
              <span>{t(`modelDetail:results.filter.${value}`, { count: counts[value] })}</span>
            </label>
          ))}
        </div>
        {segmentation && (
          <label className="checkbox-label">
            <input type="checkbox" checked={showMasks} onChange={(event) => setShowMasks(event.target.checked)} />
            <span>{t('modelDetail:results.showMasks')}</span>
          </label>
        )}
      </div>
      {shown.length === 0 ? (
        <p>{t(`modelDetail:results.empty.${filter}`)}</p>
      ) : (
        <ul className="test-results" data-testid="test-results">
          {pageItems.map((prediction) => (
            <TestResultCard
              key={prediction.entryId}
              modelVersionId={modelVersionId}
              prediction={prediction}
              entry={entries.get(prediction.entryId)}
              labels={labels}
              segmentation={segmentation}
              showMasks={showMasks}
              scoreDecimals={scoreDecimals}
            />
          ))}
        </ul>
      )}
      {pageCount > 1 && (
        <nav className="pagination" aria-label={t('modelDetail:results.pagination')}>
          <button type="button" className="button-secondary" disabled={currentPage === 0} onClick={() => setPage(currentPage - 1)}>
            {t('modelDetail:results.previousPage')}
          </button>
          <span>{t('modelDetail:results.pageOf', { page: currentPage + 1, pages: pageCount })}</span>
          <button type="button" className="button-secondary" disabled={currentPage === pageCount - 1} onClick={() => setPage(currentPage + 1)}>
            {t('modelDetail:results.nextPage')}
          </button>
        </nav>
      )}
    </section>
  );
}
