// Entry point: i18n, the router and the service worker.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { router } from './app/routes';
import { i18n } from './i18n';
import { registerServiceWorker } from './pwa/registerServiceWorker';
import { useUiStore } from './app/uiStore';
import { onClosedForUpgrade, openSpotcheckDb } from './storage/db';
import { liveLockNames } from './storage/liveLocks';
import { recoverModelVersionsAfterRestart } from './storage/modelVersions';
import { hostAgain } from './runtime/modelHosting';
import './app/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <RouterProvider router={router} />
    </I18nextProvider>
  </StrictMode>,
);

registerServiceWorker();
// No worker or model session outlives its page: versions left training by a closed tab are set straight,
// those it left hosted are started again here (the user never stopped them), and those another open tab
// still trains or hosts (its Web Lock held) are left alone.
void Promise.all([openSpotcheckDb(), liveLockNames()])
  .then(async ([db, held]) => hostAgain((await recoverModelVersionsAfterRestart(db, held)).hostAgain, db))
  .catch((error: unknown) => useUiStore.getState().showError(error));
// A newer Spotcheck in another tab upgraded the database; this tab must reload to keep working.
onClosedForUpgrade(() => useUiStore.getState().showInfo(i18n.t('storage.upgradedElsewhere')));
