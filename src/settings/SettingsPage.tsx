// About this device: the language, storage used and whether it is persistent, offline readiness, the threads detection
// runs with and why, and an ML runtime check that runs the real onnxruntime in a worker.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { diagnosticsWorker } from '../app/workers';
import { useUiStore } from '../app/uiStore';
import { useStoredData } from '../app/useStoredData';
import { LanguagePicker } from '../app/LanguagePicker';
import { RetentionSettings } from './RetentionSettings';
import { ThreadsInUse } from './ThreadsInUse';
import { readStorageEstimate, requestPersistentStorage } from '../storage/estimate';
import { ALL_STORES } from '../storage/schema';
import type { RuntimeReport } from '../contracts/diagnosticsWorkerApi';
import { formatDecimals } from '../i18n/format';

const bytesPerMegabyte = 1024 * 1024;

/** What the browser said to "Ask to keep data": shown, because a declined request changes nothing on screen. */
type PersistAnswer = 'granted' | 'declined' | 'unsupported';

export function SettingsPage() {
  const { t } = useTranslation();
  const { offlineReady, showError } = useUiStore();
  // Persistence is no stored data: a granted request is read again by counting requests.
  const [persistRequests, setPersistRequests] = useState(0);
  const [persistAnswer, setPersistAnswer] = useState<PersistAnswer | null>(null);
  // Any write changes the usage.
  const estimate = useStoredData(ALL_STORES, () => readStorageEstimate(), [persistRequests]);
  const [runtime, setRuntime] = useState<RuntimeReport | 'running' | null>(null);

  async function checkRuntime() {
    setRuntime('running');
    try {
      setRuntime(await diagnosticsWorker.run((api) => api.runRuntimeSelfTest()));
    } catch (error) {
      setRuntime(null);
      showError(error);
    }
  }

  async function persist() {
    const granted = await requestPersistentStorage();
    setPersistAnswer(granted === null ? 'unsupported' : granted ? 'granted' : 'declined');
    setPersistRequests((count) => count + 1);
  }

  const storage = estimate.status === 'ready' ? estimate.data : null;
  return (
    <section className="page">
      <h1>{t('settings.title')}</h1>
      <h2>{t('language.title')}</h2>
      <LanguagePicker />
      <p className="hint">{t('language.hint')}</p>
      <h2>{t('settings.storage.title')}</h2>
      {storage ? (
        <dl className="facts" data-testid="storage-estimate">
          <dt>{t('settings.storage.used')}</dt>
          <dd>
            {t('settings.storage.usage', {
              usedMb: formatDecimals(storage.usageBytes / bytesPerMegabyte, 1),
              quotaMb: formatDecimals(storage.quotaBytes / bytesPerMegabyte, 0),
            })}
          </dd>
          <dt>{t('settings.storage.persistence')}</dt>
          <dd>
            {storage.persisted ? t('settings.storage.persisted') : t('settings.storage.notPersisted')}{' '}
            {!storage.persisted && (
              <button type="button" className="button-quiet" onClick={persist}>
                {t('settings.storage.requestPersistence')}
              </button>
            )}
          </dd>
        </dl>
      ) : (
        <p>{t('settings.storage.unavailable')}</p>
      )}
      {persistAnswer && (
        <p role="status" data-testid="persistence-answer">
          {t(`settings.storage.answer.${persistAnswer}`)}
        </p>
      )}
      <p className="hint">{t('settings.storage.whatToDelete')}</p>
      <h2>{t('dashboard:retention.title')}</h2>
      <RetentionSettings />
      <h2>{t('settings.offline.title')}</h2>
      <p>{offlineReady ? t('pwa.offlineReady') : t('settings.offline.notYet')}</p>
      <h2>{t('settings.threads.title')}</h2>
      <ThreadsInUse />
      <h2>{t('settings.runtime.title')}</h2>
      <button type="button" onClick={checkRuntime} disabled={runtime === 'running'}>
        {t('settings.runtime.check')}
      </button>
      {runtime && runtime !== 'running' && (
        <p data-testid="runtime-report" role="status">
          {t(runtime.passed ? 'settings.runtime.passed' : 'settings.runtime.failed', {
            version: runtime.ortVersion,
            backend: runtime.backend,
            ms: Math.round(runtime.elapsedMs),
          })}{' '}
          {runtime.webgpuAdapter ? t('settings.runtime.webgpu') : t('settings.runtime.noWebgpu')}
        </p>
      )}
    </section>
  );
}
