// A destructive action the user confirms by typing a word (a project's name, or `delete`), in a
// modal dialog; a refusal from storage is shown inside it and nothing is changed.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isUserFacingError } from '../domain/errors';
import { describeError } from '../i18n';
import { useUiStore } from './uiStore';

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

export function ConfirmByTypingDialog({ title, warning, confirmationWord, fieldLabel, confirmLabel, onConfirm, onClose }: ConfirmByTypingDialogProps) {
  const { t } = useTranslation();
  const showError = useUiStore((state) => state.showError);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await onConfirm(typed);
      onClose();
    } catch (error) {
      if (isUserFacingError(error)) setProblem(describeError(error));
      else showError(error);
    }
  }

  return (
    <dialog ref={dialogRef} className="dialog" onClose={onClose} aria-label={title}>
      <form method="dialog" onSubmit={submit}>
        <h2>{title}</h2>
        <p>{warning}</p>
        <label>
          <span>{fieldLabel}</span>
          <input name="confirmation" value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" autoFocus />
        </label>
        {problem && (
          <p className="field-problem" role="alert">
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button-quiet" onClick={onClose}>
            {t('actions.cancel')}
          </button>
          <button type="submit" className="button-danger" disabled={typed.trim() !== confirmationWord}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
