// Deleting a model version, confirmed by typing `delete` (spec §7 item 7). The storage refuses a
// version that trains or runs, and the dialog shows that reason.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmByTypingDialog } from '../app/ConfirmByTypingDialog';
import { useUiStore } from '../app/uiStore';
import type { ModelVersion } from '../domain/types';
import { DELETE_CONFIRMATION_WORD } from '../storage/datasets';
import { openSpotcheckDb } from '../storage/db';
import { deleteModelVersion } from '../storage/modelDeletion';

export function DeleteModelButton({ version }: { version: ModelVersion }) {
  const { t } = useTranslation();
  const dataChanged = useUiStore((state) => state.dataChanged);
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button-danger-quiet" onClick={() => setOpen(true)}>
        {t('models:delete.action', { version: version.version })}
      </button>
      {open && (
        <ConfirmByTypingDialog
          title={t('models:delete.title', { version: version.version })}
          warning={t('models:delete.warning')}
          confirmationWord={DELETE_CONFIRMATION_WORD}
          fieldLabel={t('models:delete.typeWord', { word: DELETE_CONFIRMATION_WORD })}
          confirmLabel={t('models:delete.confirm')}
          onConfirm={async (typed) => {
            await deleteModelVersion(await openSpotcheckDb(), version.id, typed);
            dataChanged();
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
