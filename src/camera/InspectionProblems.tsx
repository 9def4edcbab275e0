// Why the camera page cannot inspect right now, with the matching recovery: the camera failed (try
// it again), or the last inspection stopped on its own (restart the camera or the model; an unexpected
// error only says what happened).
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { UserFacingError } from '../domain/errors';
import { describeError } from '../i18n';
import type { InspectionStop } from './cameraInspector';

function stopMessage(stop: InspectionStop, t: TFunction): string {
  switch (stop.reason) {
    case 'modelStopped':
      return t('camera:problem.modelStopped', { detail: stop.detail });
    case 'modelFailed':
      return t('camera:problem.modelFailed', { detail: stop.detail });
    case 'frameUnreadable':
      return t('camera:problem.frameUnreadable');
    default:
      return describeError(stop.error);
  }
}

interface InspectionProblemsProps {
  cameraError: UserFacingError | null;
  onRetryCamera(): void;
  stopped: InspectionStop | null;
  onRecover(): void;
}

export function InspectionProblems({ cameraError, onRetryCamera, stopped, onRecover }: InspectionProblemsProps) {
  const { t } = useTranslation();
  return (
    <>
      {cameraError && (
        <div role="alert" className="camera-problem" data-testid="camera-problem">
          <p>{describeError(cameraError)}</p>
          <button type="button" onClick={onRetryCamera}>
            {t('camera:retryCamera')}
          </button>
        </div>
      )}
      {stopped && (
        <div role="alert" className="camera-problem" data-testid="inspection-problem">
          <p>{stopMessage(stopped, t)}</p>
          {stopped.reason !== 'error' && (
            <button type="button" onClick={onRecover}>
              {stopped.reason === 'frameUnreadable' ? t('camera:restartCamera') : t('camera:restartModel')}
            </button>
          )}
        </div>
      )}
    </>
  );
}
