// The keyboard shortcuts, listed from the command definitions themselves.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { editorCommands } from './commands';

export function HelpOverlay({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={dialogRef} className="dialog" onClose={onClose} aria-label={t('labeling:help.title')}>
      <h2>{t('labeling:help.title')}</h2>
      <table className="table annotation-help">
        <tbody>
          {editorCommands.map((command) => (
            <tr key={command.name}>
              <td>
                <kbd>{command.shortcut}</kbd>
              </td>
              <td>{t(command.label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('labeling:help.close')}
        </button>
      </div>
    </dialog>
  );
}
