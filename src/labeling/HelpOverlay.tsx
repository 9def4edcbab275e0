// The keyboard shortcuts, listed from the command definitions themselves.
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../app/ModalDialog';
import { editorCommands } from './commands';

export function HelpOverlay({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  return (
    <ModalDialog title={t('labeling:help.title')} onClose={onClose}>
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
    </ModalDialog>
  );
}
