// The annotation editor's top bar: the image's name and position, previous/next, save, "Submit
// and close" and help, each button naming its keyboard shortcut.
import { useTranslation } from 'react-i18next';
import type { EditorActions } from './commands';

interface AnnotationBarProps {
  name: string;
  /** 0-based position of the image among `total`. */
  position: number;
  total: number;
  hasPrevious: boolean;
  hasNext: boolean;
  actions: EditorActions;
  onSubmit(): void;
}

export function AnnotationBar({ name, position, total, hasPrevious, hasNext, actions, onSubmit }: AnnotationBarProps) {
  const { t } = useTranslation();
  return (
    <div className="annotation-bar">
      <h2 className="annotation-name">{name}</h2>
      <span className="annotation-position">{t('labeling:position', { position: position + 1, total })}</span>
      <button type="button" className="button-secondary" onClick={actions.previous} disabled={!hasPrevious} aria-keyshortcuts="ArrowLeft">
        {t('labeling:commands.previous')}
      </button>
      <button type="button" className="button-secondary" onClick={actions.next} disabled={!hasNext} aria-keyshortcuts="ArrowRight">
        {t('labeling:commands.next')}
      </button>
      <button type="button" className="button-secondary" onClick={actions.save} aria-keyshortcuts="Control+S">
        {t('labeling:commands.save')}
      </button>
      <button type="button" onClick={onSubmit}>
        {t('labeling:submit')}
      </button>
      <button type="button" className="button-quiet" onClick={actions.toggleHelp} aria-keyshortcuts="?">
        {t('labeling:commands.help')}
      </button>
    </div>
  );
}
