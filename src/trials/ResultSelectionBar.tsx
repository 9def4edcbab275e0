// What can be done with a trial job's results: select this page or every shown result, verify the
// judged ones among the selection as correct or incorrect, and add the verified images to the
// training dataset (not while the job runs).
import { useTranslation } from 'react-i18next';

interface ResultSelectionBarProps {
  selectedCount: number;
  shownCount: number;
  onSelectPage(): void;
  onSelectShown(): void;
  onClear(): void;
  /** Selected results that have a prediction to verify. */
  judgedCount: number;
  onVerify(verification: 'correct' | 'incorrect'): void;
  addableCount: number;
  canAdd: boolean;
  onAdd(): void;
}

export function ResultSelectionBar(props: ResultSelectionBarProps) {
  const { t } = useTranslation();
  return (
    <div className="gallery-toolbar">
      <span className="gallery-selected-count">{t('trials:results.selected', { count: props.selectedCount })}</span>
      <button type="button" className="button-secondary" onClick={props.onSelectPage}>
        {t('trials:results.selectPage')}
      </button>
      <button type="button" className="button-secondary" onClick={props.onSelectShown}>
        {t('trials:results.selectAll', { count: props.shownCount })}
      </button>
      <button type="button" className="button-quiet" onClick={props.onClear} disabled={props.selectedCount === 0}>
        {t('trials:results.clearSelection')}
      </button>
      <button type="button" onClick={() => props.onVerify('correct')} disabled={props.judgedCount === 0}>
        {t('trials:results.verifyCorrect')}
      </button>
      <button type="button" onClick={() => props.onVerify('incorrect')} disabled={props.judgedCount === 0}>
        {t('trials:results.verifyIncorrect')}
      </button>
      <button type="button" onClick={props.onAdd} disabled={!props.canAdd}>
        {t('trials:add.button', { count: props.addableCount })}
      </button>
    </div>
  );
}
