// How long detection history is kept (spec §7 dashboard data), with a way to prune at once.
// Shown on the Settings page; the dashboard applies the setting each time it loads.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStoredData } from '../app/useStoredData';
import { useUiStore } from '../app/uiStore';
import { openSpotcheckDb } from '../storage/db';
import { pruneByRetention, readRetentionDays, saveRetentionDays } from '../storage/detectionEvents';

const suggestedDays = 90;

export function RetentionSettings() {
  const { t } = useTranslation();
  const { showError, showInfo } = useUiStore();
  const stored = useStoredData(['settings'], (db) => readRetentionDays(db), []);
  const [keepForever, setKeepForever] = useState(true);
  const [days, setDays] = useState(String(suggestedDays));
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (stored.status !== 'ready') return;
    setKeepForever(stored.data === null);
    if (stored.data !== null) setDays(String(stored.data));
  }, [stored]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const value = keepForever ? null : Number(days);
      await saveRetentionDays(await openSpotcheckDb(), value);
      showInfo(value === null ? t('dashboard:retention.savedForever') : t('dashboard:retention.savedDays', { days: value }));
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  }

  async function pruneNow() {
    setBusy(true);
    try {
      const deleted = await pruneByRetention(await openSpotcheckDb(), Date.now());
      showInfo(t('dashboard:retention.pruned', { count: deleted }));
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack retention-settings" onSubmit={save} aria-label={t('dashboard:retention.title')}>
      <p className="hint">{t('dashboard:retention.hint')}</p>
      <label className="checkbox-field">
        <input type="radio" name="retention" checked={keepForever} onChange={() => setKeepForever(true)} /> {t('dashboard:retention.keepForever')}
      </label>
      <div className="inline-form">
        <label className="checkbox-field">
          <input type="radio" name="retention" checked={!keepForever} onChange={() => setKeepForever(false)} /> {t('dashboard:retention.keepDays')}
        </label>
        <label>
          <span className="visually-hidden">{t('dashboard:retention.days')}</span>
          <input
            type="number"
            min={1}
            step={1}
            value={days}
            disabled={keepForever}
            onChange={(event) => setDays(event.target.value)}
            aria-label={t('dashboard:retention.days')}
          />
        </label>
        <span>{t('dashboard:retention.days')}</span>
      </div>
      <div className="toolbar">
        <button type="submit" disabled={busy}>
          {t('dashboard:retention.save')}
        </button>
        <button type="button" className="button-secondary" disabled={busy || stored.status !== 'ready' || stored.data === null} onClick={pruneNow}>
          {t('dashboard:retention.pruneNow')}
        </button>
      </div>
    </form>
  );
}
