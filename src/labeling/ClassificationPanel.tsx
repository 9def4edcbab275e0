// The annotation panel's classification group: normal/anomaly chips for the image and how much of
// it the mask covers.
import { useTranslation } from 'react-i18next';
import type { ImageClass } from '../domain/types';
import { formatDecimals } from '../i18n/format';

interface ClassificationPanelProps {
  classification: ImageClass | null;
  onClassify(next: ImageClass): void;
  maskedPixels: number;
  imagePixels: number;
}

export function ClassificationPanel({ classification, onClassify, maskedPixels, imagePixels }: ClassificationPanelProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="annotation-panel-group">
      <legend>{t('labeling:classification.title')}</legend>
      <div className="annotation-row" role="group" aria-label={t('labeling:classification.title')}>
        {(['normal', 'anomaly'] as const).map((each) => (
          <button key={each} type="button" className="chip" aria-pressed={classification === each} onClick={() => onClassify(each)}>
            {t(`labeling:classification.${each}`)}
          </button>
        ))}
      </div>
      <p className="hint" data-testid="mask-area" data-pixels={maskedPixels}>
        {t('labeling:maskArea', { count: maskedPixels, percent: formatDecimals((100 * maskedPixels) / imagePixels, 1) })}
      </p>
    </fieldset>
  );
}
