// The camera page's action row: start or stop the inspection, kiosk (full screen), and the sound and
// vibration alerts on an anomalous verdict.
import { useTranslation } from 'react-i18next';
import { unlockSound } from './anomalyAlerts';

interface InspectionActionsProps {
  inspecting: boolean;
  canInspect: boolean;
  onStart(): void;
  onStop(): void;
  fullScreen: boolean;
  onToggleFullScreen(): void;
  sound: boolean;
  onSoundChange(on: boolean): void;
  vibration: boolean;
  onVibrationChange(on: boolean): void;
}

export function InspectionActions(props: InspectionActionsProps) {
  const { t } = useTranslation();
  return (
    <div className="toolbar camera-actions">
      {props.inspecting ? (
        <button type="button" className="button-large" onClick={props.onStop}>
          {t('camera:stop')}
        </button>
      ) : (
        <button type="button" className="button-large" disabled={!props.canInspect} onClick={props.onStart}>
          {t('camera:start')}
        </button>
      )}
      <button type="button" className="button-secondary" onClick={props.onToggleFullScreen}>
        {props.fullScreen ? t('camera:exitKiosk') : t('camera:kiosk')}
      </button>
      <label>
        <input
          type="checkbox"
          checked={props.sound}
          onChange={(event) => {
            // Browsers let sound play only after a user gesture; this is one.
            if (event.target.checked) unlockSound();
            props.onSoundChange(event.target.checked);
          }}
        />{' '}
        {t('camera:sound')}
      </label>
      <label>
        <input type="checkbox" checked={props.vibration} onChange={(event) => props.onVibrationChange(event.target.checked)} /> {t('camera:vibration')}
      </label>
    </div>
  );
}
