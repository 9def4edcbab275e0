// The selection toolbar: how many images are selected and every gallery command as a button.
import { useTranslation } from 'react-i18next';
import { galleryCommands, type GalleryActions } from './commands';

export function GalleryToolbar({ selectedCount, actions }: { selectedCount: number; actions: GalleryActions }) {
  const { t } = useTranslation();
  return (
    <div className="gallery-toolbar" role="toolbar" aria-label={t('datasets:gallery.toolbar')}>
      <span className="gallery-selected-count" role="status">
        {t('datasets:gallery.selected', { count: selectedCount })}
      </span>
      {galleryCommands.map((command) => (
        <button
          key={command.name}
          type="button"
          className={command.name === 'remove' ? 'button-danger-quiet' : 'button-secondary'}
          aria-keyshortcuts={command.shortcut}
          disabled={command.needsSelection && selectedCount === 0}
          onClick={() => command.perform(actions)}
        >
          {t(command.label)}
        </button>
      ))}
    </div>
  );
}
