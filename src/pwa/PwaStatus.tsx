// "Ready to work offline" and the "update available — reload" prompt.
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../app/uiStore';

export function PwaStatus() {
  const { t } = useTranslation();
  const offlineReady = useUiStore((state) => state.offlineReady);
  const applyUpdate = useUiStore((state) => state.applyUpdate);
  return (
    <div className="pwa-status">
      {offlineReady && (
        <span className="badge badge-ok" data-testid="offline-ready">
          {t('pwa.offlineReady')}
        </span>
      )}
      {applyUpdate && (
        <span className="update-prompt" role="status">
          {t('pwa.updateAvailable')}{' '}
          <button type="button" onClick={applyUpdate}>
            {t('pwa.reload')}
          </button>
        </span>
      )}
    </div>
  );
}
