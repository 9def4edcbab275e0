// The operator's language: stored by the storage layer, followed by every open tab through its change
// notices, so a choice made in Settings, on the first-visit strip or in another tab reaches every screen.
import { useCallback, useEffect } from 'react';
import { switchLanguage } from '../i18n';
import { isLanguageCode, type LanguageCode } from '../domain/languages';
import { openSpotcheckDb } from '../storage/db';
import { readLanguageSetting, saveLanguageSetting } from '../storage/languageSetting';
import { useStoredData, type StoredData } from './useStoredData';
import { useUiStore } from './uiStore';

/** The stored choice (null: nobody chose yet, the browser's languages decided at start). */
export function useStoredLanguage(): StoredData<LanguageCode | null> {
  return useStoredData(['settings'], (db) => readLanguageSetting(db), []);
}

/** Switches the screen to the stored choice whenever it changes. */
export function useFollowedLanguage(): void {
  const stored = useStoredLanguage();
  const showError = useUiStore((state) => state.showError);
  const chosen = stored.status === 'ready' ? stored.data : null;
  useEffect(() => {
    if (chosen) switchLanguage(chosen).catch(showError);
  }, [chosen, showError]);
}

/** Stores a choice (an unsupported value is ignored); a failed write is shown, nothing else changes. */
export function useRememberLanguage(): (language: string) => Promise<void> {
  const showError = useUiStore((state) => state.showError);
  return useCallback(
    async (language: string) => {
      if (!isLanguageCode(language)) return;
      try {
        await saveLanguageSetting(await openSpotcheckDb(), language);
      } catch (error) {
        showError(error);
      }
    },
    [showError],
  );
}
