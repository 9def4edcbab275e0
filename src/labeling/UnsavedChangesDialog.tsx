// Asked before leaving an image with unsaved changes: save them, drop them, or stay.
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../app/ModalDialog';

interface UnsavedChangesDialogProps {
  onSave(): void;
  onDiscard(): void;
  onStay(): void;
}

export function UnsavedChangesDialog({ onSave, onDiscard, onStay }: UnsavedChangesDialogProps) {
  const { t } = useTranslation();
  return (
    <ModalDialog title={t('labeling:unsaved.title')} onClose={onStay}>
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
    </ModalDialog>
  );
}
