// A modal that states a change and applies it only on confirmation: problems the user can fix
// stay in the dialog, anything else becomes a notice.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore } from './uiStore';
import { isUserFacingError } from '../domain/errors';
import { describeError } from '../i18n';
import { ModalDialog } from './ModalDialog';

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
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
    <ModalDialog title={title} onClose={onClose}>
      <form method="dialog" onSubmit={submit}>
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
    </ModalDialog>
  );
}
