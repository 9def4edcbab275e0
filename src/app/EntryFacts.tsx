// How an image's class and anomaly labels look wherever an image is shown (gallery tile, large view,
// model test results); moved from datasets/gallery because several features show them.
import { useTranslation } from 'react-i18next';
import type { AnomalyLabel, DatasetEntry } from '../domain/types';

export function ClassBadge({ classification }: Pick<DatasetEntry, 'classification'>) {
  const { t } = useTranslation();
  const kind = classification ?? 'unlabeled';
  return <span className={`badge badge-class-${kind}`}>{t(`datasets:gallery.class.${kind}`)}</span>;
}

/** One dot per label in the label's colour; the names are there for screen readers and tooltips. */
export function LabelDots({ labels }: { labels: readonly AnomalyLabel[] }) {
  if (labels.length === 0) return null;
  return (
    <span className="label-dots">
      {labels.map((label) => (
        <span key={label.id} className="label-dot" style={{ backgroundColor: label.color }} title={label.name}>
          <span className="visually-hidden">{label.name}</span>
        </span>
      ))}
    </span>
  );
}

/** One text chip per label with a dot in its colour: the names readable at a glance (gallery tiles). */
export function LabelChips({ labels }: { labels: readonly AnomalyLabel[] }) {
  return labels.map((label) => (
    <span key={label.id} className="label-chip">
      <span className="label-dot" style={{ backgroundColor: label.color }} aria-hidden="true" />
      {label.name}
    </span>
  ));
}

/** The entry's labels in project order; ids of labels deleted meanwhile are skipped. */
export function labelsOf(entry: Pick<DatasetEntry, 'anomalyLabelIds'>, labelsById: ReadonlyMap<string, AnomalyLabel>): AnomalyLabel[] {
  return entry.anomalyLabelIds.flatMap((id) => labelsById.get(id) ?? []);
}
