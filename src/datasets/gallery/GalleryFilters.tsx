// Filter chips with counts: the fixed filters, then one chip per anomaly label of the project.
import { useTranslation } from 'react-i18next';
import type { AnomalyLabel } from '../../domain/types';
import type { EntryFilterCounts } from '../../storage/entries';
import { baseFilters, countFor, labelFilter, type FilterKey } from './filters';

interface GalleryFiltersProps {
  counts: EntryFilterCounts | null;
  labels: readonly AnomalyLabel[];
  active: FilterKey;
  onChange: (filter: FilterKey) => void;
}

export function GalleryFilters({ counts, labels, active, onChange }: GalleryFiltersProps) {
  const { t } = useTranslation();
  const chips = [
    ...baseFilters.map((filter) => ({ filter, text: t(`datasets:gallery.filter.${filter}`), color: null })),
    ...labels.map((label) => ({ filter: labelFilter(label.id), text: label.name, color: label.color })),
  ];
  return (
    <div className="chips" role="group" aria-label={t('datasets:gallery.filters')}>
      {chips.map(({ filter, text, color }) => (
        <button
          key={filter}
          type="button"
          className="chip"
          aria-pressed={filter === active}
          data-filter={filter.startsWith('label:') ? `label:${text}` : filter}
          onClick={() => onChange(filter)}
        >
          {color && <span className="label-dot" style={{ backgroundColor: color }} aria-hidden="true" />}
          <span>{text}</span>
          <span className="chip-count">{counts ? countFor(filter, counts) : '…'}</span>
        </button>
      ))}
    </div>
  );
}
