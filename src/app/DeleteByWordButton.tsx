// A quiet "Delete …" button whose dialog asks for the word `delete` (spec §7 item 7) before deleting;
// a refusal from storage stays in the dialog, a success tells the open views that data changed.
import { useState } from 'react';
import { DELETE_CONFIRMATION_WORD } from '../storage/datasets';
import { ConfirmByTypingDialog } from './ConfirmByTypingDialog';

export interface DeleteByWordTexts {
  action: string;
  title: string;
  warning: string;
  /** Receives the word to type. */
  fieldLabel: (word: string) => string;
  confirm: string;
}

export function DeleteByWordButton({ texts, onDelete }: { texts: DeleteByWordTexts; onDelete: (typed: string) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button-danger-quiet" onClick={() => setOpen(true)}>
        {texts.action}
      </button>
      {open && (
        <ConfirmByTypingDialog
          title={texts.title}
          warning={texts.warning}
          confirmationWord={DELETE_CONFIRMATION_WORD}
          fieldLabel={texts.fieldLabel(DELETE_CONFIRMATION_WORD)}
          confirmLabel={texts.confirm}
          onConfirm={onDelete}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
