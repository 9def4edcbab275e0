// The anomaly labels to paint with, each with its colour and shortcut, and "add label" inline
// (spec §7, item 3: labels can be created from inside the annotation tool).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../app/uiStore';
import type { AnomalyLabel } from '../domain/types';
import { openSpotcheckDb } from '../storage/db';
import { addAnomalyLabel } from '../storage/labels';

interface LabelPickerProps {
  projectId: string;
  labels: readonly AnomalyLabel[];
  current: AnomalyLabel | null;
  onPick(label: AnomalyLabel): void;
}

/** Labels beyond the ninth have no number key. */
const shortcutCount = 9;

export function LabelPicker({ projectId, labels, current, onPick }: LabelPickerProps) {
  const { t } = useTranslation();
  const showError = useUiStore((state) => state.showError);
  const [newName, setNewName] = useState('');

  async function add(event: FormEvent) {
    event.preventDefault();
    try {
      const label = await addAnomalyLabel(await openSpotcheckDb(), projectId, newName);
      setNewName('');
      onPick(label);
    } catch (error) {
      showError(error);
    }
  }

  return (
    <fieldset className="annotation-panel-group">
      <legend>{t('labeling:labels.title')}</legend>
      {labels.length === 0 && <p className="empty">{t('labeling:labels.none')}</p>}
      <div className="annotation-labels">
        {labels.map((label, position) => (
          <button
            key={label.id}
            type="button"
            className="chip annotation-label"
            aria-pressed={current?.id === label.id}
            onClick={() => onPick(label)}
            {...(position < shortcutCount ? { 'aria-keyshortcuts': String(position + 1) } : {})}
          >
            <span className="label-dot" style={{ background: label.color }} />
            <span>{label.name}</span>
          </button>
        ))}
      </div>
      <form className="annotation-add-label" onSubmit={add}>
        <input
          value={newName}
          onChange={(event) => setNewName(event.target.value)}
          placeholder={t('labeling:labels.newName')}
          aria-label={t('labeling:labels.newName')}
        />
        <button type="submit" className="button-secondary" disabled={newName.trim() === ''}>
          {t('labeling:labels.add')}
        </button>
      </form>
    </fieldset>
  );
}
