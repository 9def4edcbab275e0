// A project's anomaly labels with how many images use each: add, rename, recolour, and delete
// while unused (spec §7.3); every change goes through a confirming dialog.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStoredData } from '../../app/useStoredData';
import type { AnomalyLabel } from '../../domain/types';
import { describeError } from '../../i18n';
import { labelUsageCounts, listAnomalyLabels } from '../../storage/labels';
import { LabelChangeDialog, type LabelChange } from './LabelDialogs';

export function LabelManager({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const [change, setChange] = useState<LabelChange | null>(null);
  const stored = useStoredData(
    ['anomalyLabels', 'entries'],
    async (db) => ({ labels: await listAnomalyLabels(db, projectId), usage: await labelUsageCounts(db, projectId) }),
    [projectId],
  );
  if (stored.status === 'loading') return <p>{t('common.loading')}</p>;
  if (stored.status === 'failed') return <p role="alert">{describeError(stored.error)}</p>;
  const { labels, usage } = stored.data;
  return (
    <section className="label-manager stack" data-testid="label-manager">
      <h2>{t('datasets:labels.title')}</h2>
      {labels.length === 0 ? (
        <p className="empty">{t('datasets:labels.none')}</p>
      ) : (
        <ul className="label-manager-list">
          {labels.map((label) => (
            <LabelRow key={label.id} label={label} usageCount={usage[label.id] ?? 0} onChange={setChange} />
          ))}
        </ul>
      )}
      <div>
        <button type="button" className="button-secondary" onClick={() => setChange({ kind: 'add' })}>
          {t('datasets:labels.add.action')}
        </button>
      </div>
      {change && <LabelChangeDialog projectId={projectId} change={change} onClose={() => setChange(null)} />}
    </section>
  );
}

function LabelRow({ label, usageCount, onChange }: { label: AnomalyLabel; usageCount: number; onChange: (change: LabelChange) => void }) {
  const { t } = useTranslation();
  const usageId = `label-usage-${label.id}`;
  return (
    <li className="label-manager-row" data-label-name={label.name}>
      <span className="swatch" style={{ backgroundColor: label.color }} aria-hidden="true" />
      <span className="label-manager-name">{label.name}</span>
      <span id={usageId} className="hint">
        {t('datasets:labels.usedBy', { count: usageCount })}
      </span>
      <span className="row-actions">
        <button
          type="button"
          className="button-quiet"
          aria-label={t('datasets:labels.rename.labelFor', { name: label.name })}
          onClick={() => onChange({ kind: 'rename', label })}
        >
          {t('datasets:labels.rename.action')}
        </button>
        <button
          type="button"
          className="button-quiet"
          aria-label={t('datasets:labels.recolor.labelFor', { name: label.name })}
          onClick={() => onChange({ kind: 'recolor', label })}
        >
          {t('datasets:labels.recolor.action')}
        </button>
        {/* Disabled buttons get no pointer events, so the tooltip sits on a wrapper. */}
        <span title={usageCount > 0 ? t('datasets:labels.inUse', { count: usageCount }) : undefined}>
          <button
            type="button"
            className="button-danger-quiet"
            aria-label={t('datasets:labels.delete.labelFor', { name: label.name })}
            aria-describedby={usageCount > 0 ? usageId : undefined}
            disabled={usageCount > 0}
            onClick={() => onChange({ kind: 'delete', label })}
          >
            {t('datasets:labels.delete.action')}
          </button>
        </span>
      </span>
    </li>
  );
}
