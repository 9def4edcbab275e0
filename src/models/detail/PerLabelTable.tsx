// Per-anomaly-label pixel figures of a segmentation model (spec §6 "Per-label table"), searchable by
// name: test images with the label, precision, recall, F1 and mean IoU, with the thin-defect caveat
// next to low IoU values.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PixelLabelMetrics } from '../../domain/metrics';
import type { AnomalyLabel } from '../../domain/types';
import { formatPercent } from '../../i18n/format';

/** Below this mean IoU the caveat is shown: thin defects overlap little even when found. */
const lowMeanIoU = 0.5;

export function PerLabelTable({ perLabel, labels }: { perLabel: readonly PixelLabelMetrics[]; labels: readonly AnomalyLabel[] }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const colorByIndex = new Map(labels.map((label) => [label.index, label.color]));
  const query = search.trim().toLocaleLowerCase();
  const rows = perLabel.filter((label) => label.name.toLocaleLowerCase().includes(query));
  const anyLow = rows.some((label) => label.meanIoU < lowMeanIoU);
  return (
    <section className="model-detail-section" aria-labelledby="per-label-title">
      <h2 id="per-label-title">{t('modelDetail:perLabel.title')}</h2>
      <label>
        <span>{t('modelDetail:perLabel.search')}</span>
        <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
      </label>
      <table className="table" data-testid="per-label-table">
        <thead>
          <tr>
            <th scope="col">{t('modelDetail:perLabel.label')}</th>
            <th scope="col">{t('modelDetail:perLabel.testImages')}</th>
            <th scope="col">{t('modelDetail:perLabel.precision')}</th>
            <th scope="col">{t('modelDetail:perLabel.recall')}</th>
            <th scope="col">{t('modelDetail:perLabel.f1')}</th>
            <th scope="col">{t('modelDetail:perLabel.meanIoU')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((label) => (
            <tr key={label.labelIndex} data-label={label.name}>
              <th scope="row">
                <span className="label-dot" style={{ backgroundColor: colorByIndex.get(label.labelIndex) ?? 'gray' }} /> {label.name}
              </th>
              <td>{label.testImages}</td>
              <td>{formatPercent(label.precision)}</td>
              <td>{formatPercent(label.recall)}</td>
              <td>{formatPercent(label.f1)}</td>
              <td data-metric="meanIoU">
                {formatPercent(label.meanIoU)}
                {label.meanIoU < lowMeanIoU && <span aria-hidden="true"> *</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p>{t('modelDetail:perLabel.noMatch', { search })}</p>}
      {anyLow && <p className="hint">* {t('modelDetail:perLabel.iouCaveat')}</p>}
    </section>
  );
}
