// The filters above a trial job's results — prediction, verification, label (projects with labels),
// sort order — each option with its count, and whether predicted masks are drawn.
import { useTranslation } from 'react-i18next';
import type { AnomalyLabel } from '../domain/types';
import type { filterCounts, ResultFilters } from './resultFilters';

interface ResultFilterBarProps {
  filters: ResultFilters;
  onChange(change: Partial<ResultFilters>): void;
  counts: ReturnType<typeof filterCounts>;
  resultCount: number;
  labels: readonly AnomalyLabel[];
  showMasks: boolean;
  onShowMasksChange(show: boolean): void;
}

export function ResultFilterBar({ filters, onChange, counts, resultCount, labels, showMasks, onShowMasksChange }: ResultFilterBarProps) {
  const { t } = useTranslation();
  return (
    <div className="gallery-controls">
      <label>
        <span>{t('trials:filters.prediction')}</span>
        <select
          value={filters.prediction}
          onChange={(event) => onChange({ prediction: event.target.value as ResultFilters['prediction'] })}
          data-testid="filter-prediction"
        >
          <option value="all">{t('trials:filters.all', { count: resultCount })}</option>
          {(['anomaly', 'normal', 'unreadable', 'pending'] as const).map((each) => (
            <option key={each} value={each}>
              {t(`trials:filters.${each}`, { count: counts[each] })}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('trials:filters.verification')}</span>
        <select
          value={filters.verification}
          onChange={(event) => onChange({ verification: event.target.value as ResultFilters['verification'] })}
          data-testid="filter-verification"
        >
          <option value="all">{t('trials:filters.all', { count: resultCount })}</option>
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
          <select value={filters.labelId ?? ''} onChange={(event) => onChange({ labelId: event.target.value || null })}>
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
        <select value={filters.sort} onChange={(event) => onChange({ sort: event.target.value as ResultFilters['sort'] })} data-testid="sort-results">
          {(['order', 'confidenceDesc', 'confidenceAsc', 'scoreDesc'] as const).map((each) => (
            <option key={each} value={each}>
              {t(`trials:filters.sorts.${each}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox-field">
        <input type="checkbox" checked={showMasks} onChange={(event) => onShowMasksChange(event.target.checked)} />
        <span>{t('trials:mask.show')}</span>
      </label>
    </div>
  );
}
