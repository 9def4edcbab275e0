// Entry point: the language (stored choice, else the browser's), the router and the service worker.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { router } from './app/routes';
import { i18n, switchLanguage } from './i18n';
import { pickLanguage, type LanguageCode } from './domain/languages';
import { readLanguageSetting } from './storage/languageSetting';
import { registerServiceWorker } from './pwa/registerServiceWorker';
import { useUiStore } from './app/uiStore';
import { onClosedForUpgrade, openSpotcheckDb } from './storage/db';
import { liveLockNames, restartRecoveryLockName, withQueuedLock } from './storage/liveLocks';
import { recoverModelVersionsAfterRestart } from './storage/modelVersions';
import { hostAgain } from './runtime/modelHosting';
import './app/app.css';

/** The stored choice, else the first of the browser's languages Spotcheck speaks. */
async function startingLanguage(): Promise<LanguageCode> {
  const browserChoice = pickLanguage(navigator.languages);
  // Storage that cannot be opened is reported by the first screen that reads it; the language still follows the browser.
  const stored = await openSpotcheckDb()
    .then(readLanguageSetting)
    .catch(() => null);
  return stored ?? browserChoice;
}

function render() {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <RouterProvider router={router} />
      </I18nextProvider>
    </StrictMode>,
  );
}

// Screen readers, hyphenation and the CJK font choice read the page's language.
i18n.on('languageChanged', (language) => document.documentElement.setAttribute('lang', language));
// A language whose files cannot load (never on a cached install) leaves the page in English rather than blank.
void startingLanguage()
  .then(switchLanguage)
  .catch(() => undefined)
  .finally(render);

registerServiceWorker();
// No worker or model session outlives its page: versions left training by a closed tab are set straight,
// those it left hosted are started again here (the user never stopped them), and those another open tab
// still trains or hosts (its Web Lock held) are left alone.
void openSpotcheckDb()
  .then((db) =>
    withQueuedLock(restartRecoveryLockName, async () => hostAgain((await recoverModelVersionsAfterRestart(db, await liveLockNames())).hostAgain, db)),
  )
  .catch((error: unknown) => useUiStore.getState().showError(error));
// A newer Spotcheck in another tab upgraded the database; this tab must reload to keep working.
onClosedForUpgrade(() => useUiStore.getState().showInfo(i18n.t('storage.upgradedElsewhere')));
