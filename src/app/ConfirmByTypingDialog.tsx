// A destructive action the user confirms by typing a word (a project's name, or `delete`).
import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from './ConfirmDialog';

interface ConfirmByTypingDialogProps {
  title: string;
  warning: ReactNode;
  /** What the user must type, shown in the field's label. */
  confirmationWord: string;
  fieldLabel: string;
  confirmLabel: string;
  /** Performs the action with what was typed; a UserFacingError keeps the dialog open with its message. */
  onConfirm: (typed: string) => Promise<void>;
  onClose: () => void;
}

export function ConfirmByTypingDialog({ warning, confirmationWord, fieldLabel, onConfirm, ...dialog }: ConfirmByTypingDialogProps) {
  const [typed, setTyped] = useState('');
  return (
    <ConfirmDialog {...dialog} danger confirmDisabled={typed.trim() !== confirmationWord} onConfirm={() => onConfirm(typed)}>
      <p>{warning}</p>
      <label>
        <span>{fieldLabel}</span>
        <input name="confirmation" value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" autoFocus />
      </label>
    </ConfirmDialog>
  );
}
