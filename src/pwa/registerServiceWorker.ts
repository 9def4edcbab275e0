// Registers the service worker of production builds (src/pwa/sw.ts, built as sw.js) and
// reports "ready to work offline" and "update available" to the UI. Dev builds have no worker.
import { Workbox } from 'workbox-window';
import { useUiStore } from '../app/uiStore';

export function registerServiceWorker() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const workbox = new Workbox('/sw.js', { scope: '/' });
  const { setOfflineReady, setUpdateAvailable } = useUiStore.getState();

  workbox.addEventListener('waiting', () => {
    setUpdateAvailable(() => {
      // Reload only once the new worker controls the page, so the reload gets the new files.
      workbox.addEventListener('controlling', () => window.location.reload());
      workbox.messageSkipWaiting();
    });
  });
  workbox.addEventListener('activated', (event) => {
    if (!event.isUpdate) setOfflineReady();
  });
  void workbox.register().then(async (registration) => {
    // A worker that was already active at load time has everything precached.
    if (registration?.active) setOfflineReady();
  });
}
