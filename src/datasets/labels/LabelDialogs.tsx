// The dialogs that add, rename, recolour or delete an anomaly label. Each one is the confirmation
// step (spec §7.3): nothing is stored until its confirm button is pressed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnomalyLabel } from '../../domain/types';
import { openSpotcheckDb } from '../../storage/db';
import { addAnomalyLabel, deleteAnomalyLabel, recolorAnomalyLabel, renameAnomalyLabel } from '../../storage/labels';
import type { SpotcheckDatabase } from '../../storage/schema';
import { ConfirmDialog } from '../../app/ConfirmDialog';

export type LabelChange = { kind: 'add' } | { kind: 'rename' | 'recolor' | 'delete'; label: AnomalyLabel };

/** Neutral starting value of the colour picker; stored only if the user opts to pick a colour. */
const initialPickerColor = '#1f77b4';

/** The confirm action that runs a label change against the database (views re-read on its announcement). */
function apply(change: (db: SpotcheckDatabase) => Promise<unknown>): () => Promise<void> {
  return async () => {
    await change(await openSpotcheckDb());
  };
}

export function LabelChangeDialog({ projectId, change, onClose }: { projectId: string; change: LabelChange; onClose: () => void }) {
  if (change.kind === 'add') return <AddLabelDialog projectId={projectId} onClose={onClose} />;
  if (change.kind === 'rename') return <RenameLabelDialog label={change.label} onClose={onClose} />;
  if (change.kind === 'recolor') return <RecolorLabelDialog label={change.label} onClose={onClose} />;
  return <DeleteLabelDialog label={change.label} onClose={onClose} />;
}

function AddLabelDialog({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [pickColor, setPickColor] = useState(false);
  const [color, setColor] = useState(initialPickerColor);
  return (
    <ConfirmDialog
      title={t('datasets:labels.add.title')}
      confirmLabel={t('datasets:labels.add.confirm')}
      confirmDisabled={name.trim() === ''}
      onConfirm={apply((db) => addAnomalyLabel(db, projectId, name, pickColor ? color : undefined))}
      onClose={onClose}
    >
      <label>
        <span>{t('datasets:labels.add.name')}</span>
        <input name="labelName" value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" autoFocus />
      </label>
      <label className="checkbox-field">
        <input type="checkbox" checked={pickColor} onChange={(event) => setPickColor(event.target.checked)} />
        <span>{t('datasets:labels.add.pickColor')}</span>
      </label>
      {pickColor ? (
        <label>
          <span>{t('datasets:labels.add.color')}</span>
          <input type="color" value={color} onChange={(event) => setColor(event.target.value)} />
        </label>
      ) : (
        <p className="hint">{t('datasets:labels.add.autoColor')}</p>
      )}
    </ConfirmDialog>
  );
}

function RenameLabelDialog({ label, onClose }: { label: AnomalyLabel; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(label.name);
  return (
    <ConfirmDialog
      title={t('datasets:labels.rename.title', { name: label.name })}
      confirmLabel={t('datasets:labels.rename.confirm')}
      confirmDisabled={name.trim() === '' || name.trim() === label.name}
      onConfirm={apply((db) => renameAnomalyLabel(db, label.id, name))}
      onClose={onClose}
    >
      <label>
        <span>{t('datasets:labels.rename.name')}</span>
        <input name="labelName" value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" autoFocus />
      </label>
      <p className="hint">{t('datasets:labels.rename.explain')}</p>
    </ConfirmDialog>
  );
}

function RecolorLabelDialog({ label, onClose }: { label: AnomalyLabel; onClose: () => void }) {
  const { t } = useTranslation();
  const [color, setColor] = useState(label.color);
  return (
    <ConfirmDialog
      title={t('datasets:labels.recolor.title', { name: label.name })}
      confirmLabel={t('datasets:labels.recolor.confirm')}
      confirmDisabled={color.toLowerCase() === label.color}
      onConfirm={apply((db) => recolorAnomalyLabel(db, label.id, color))}
      onClose={onClose}
    >
      <label>
        <span>{t('datasets:labels.recolor.color')}</span>
        <input type="color" value={color} onChange={(event) => setColor(event.target.value)} />
      </label>
      <p className="hint">{t('datasets:labels.recolor.explain')}</p>
    </ConfirmDialog>
  );
}

function DeleteLabelDialog({ label, onClose }: { label: AnomalyLabel; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      title={t('datasets:labels.delete.title', { name: label.name })}
      confirmLabel={t('datasets:labels.delete.confirm')}
      danger
      onConfirm={apply((db) => deleteAnomalyLabel(db, label.id))}
      onClose={onClose}
    >
      <p>{t('datasets:labels.delete.explain')}</p>
    </ConfirmDialog>
  );
}
