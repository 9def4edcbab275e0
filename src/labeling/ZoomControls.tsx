// The mask stage's zoom buttons (in, out, fit) and, with the polygon tool, the button that closes
// the polygon being placed (for touch, where there is no Enter key).
import { useTranslation } from 'react-i18next';

const buttonZoomFactor = 1.25;

interface ZoomControlsProps {
  onZoom(factor: number): void;
  onFit(): void;
  /** Shown only while the polygon tool is selected. */
  onCloseShape: (() => void) | null;
}

export function ZoomControls({ onZoom, onFit, onCloseShape }: ZoomControlsProps) {
  const { t } = useTranslation();
  return (
    <div className="annotation-zoom" role="group" aria-label={t('labeling:zoom.label')}>
      <button type="button" className="button-secondary" onClick={() => onZoom(buttonZoomFactor)} aria-label={t('labeling:zoom.in')}>
        +
      </button>
      <button type="button" className="button-secondary" onClick={() => onZoom(1 / buttonZoomFactor)} aria-label={t('labeling:zoom.out')}>
        −
      </button>
      <button type="button" className="button-secondary" onClick={onFit}>
        {t('labeling:zoom.fit')}
      </button>
      {onCloseShape && (
        <button type="button" className="button-secondary" onClick={onCloseShape}>
          {t('labeling:commands.closeShape')}
        </button>
      )}
    </div>
  );
}
