// Asked before leaving an image with unsaved changes: save them, drop them, or stay.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface UnsavedChangesDialogProps {
  onSave(): void;
  onDiscard(): void;
  onStay(): void;
}

export function UnsavedChangesDialog({ onSave, onDiscard, onStay }: UnsavedChangesDialogProps) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={dialogRef} className="dialog" onClose={onStay} aria-label={t('labeling:unsaved.title')}>
      <h2>{t('labeling:unsaved.title')}</h2>
      <p>{t('labeling:unsaved.body')}</p>
      <div className="dialog-actions">
        <button type="button" className="button-quiet" onClick={onStay}>
          {t('labeling:unsaved.stay')}
        </button>
        <button type="button" className="button-secondary" onClick={onDiscard}>
          {t('labeling:unsaved.discard')}
        </button>
        <button type="button" onClick={onSave}>
          {t('labeling:unsaved.save')}
        </button>
      </div>
    </dialog>
  );
}
