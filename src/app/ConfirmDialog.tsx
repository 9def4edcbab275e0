// A modal that states a change and applies it only on confirmation: problems the user can fix
// stay in the dialog, anything else becomes a notice.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore } from './uiStore';
import { isUserFacingError } from '../domain/errors';
import { describeError } from '../i18n';

interface ConfirmDialogProps {
  title: string;
  confirmLabel: string;
  /** Runs on confirmation; the dialog closes when it resolves. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
  danger?: boolean;
  confirmDisabled?: boolean;
  /** The fields and explanation shown above the buttons. */
  children?: ReactNode;
}

export function ConfirmDialog({ title, confirmLabel, onConfirm, onClose, danger = false, confirmDisabled = false, children }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const showError = useUiStore((state) => state.showError);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await onConfirm();
      onClose();
    } catch (error) {
      if (isUserFacingError(error)) setProblem(describeError(error));
      else {
        showError(error);
        onClose();
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialogRef} className="dialog" onClose={onClose} aria-labelledby={titleId}>
      <form method="dialog" onSubmit={submit}>
        <h2 id={titleId}>{title}</h2>
        {children}
        {problem && (
          <p className="field-problem" role="alert">
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button-quiet" onClick={onClose}>
            {t('actions.cancel')}
          </button>
          <button type="submit" className={danger ? 'button-danger' : undefined} disabled={confirmDisabled || busy}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
