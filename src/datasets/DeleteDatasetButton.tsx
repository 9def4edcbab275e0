// Deleting a dataset (spec §1.1 conversions: deleting test makes the project single again,
// deleting train disables training); confirmed by typing `delete` (spec §7 item 7).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmByTypingDialog } from '../app/ConfirmByTypingDialog';
import { useUiStore } from '../app/uiStore';
import type { Dataset } from '../domain/types';
import { DELETE_CONFIRMATION_WORD, deleteDataset } from '../storage/datasets';
import { openSpotcheckDb } from '../storage/db';

export function DeleteDatasetButton({ dataset }: { dataset: Dataset }) {
  const { t } = useTranslation();
  const dataChanged = useUiStore((state) => state.dataChanged);
  const [open, setOpen] = useState(false);
  const datasetName = t(`datasets.type.${dataset.type}`);
  return (
    <>
      <button type="button" className="button-danger-quiet" onClick={() => setOpen(true)}>
        {t('datasets.delete.action', { dataset: datasetName })}
      </button>
      {open && (
        <ConfirmByTypingDialog
          title={t('datasets.delete.title', { dataset: datasetName })}
          warning={t(`datasets.delete.warning.${dataset.type}`, { count: dataset.imageStats.Total })}
          confirmationWord={DELETE_CONFIRMATION_WORD}
          fieldLabel={t('datasets.delete.typeWord', { word: DELETE_CONFIRMATION_WORD })}
          confirmLabel={t('datasets.delete.confirm')}
          onConfirm={async (typed) => {
            await deleteDataset(await openSpotcheckDb(), dataset.id, typed);
            dataChanged();
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
