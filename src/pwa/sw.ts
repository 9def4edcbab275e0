// The service worker (built by vite-plugin-pwa's injectManifest): precaches the whole build for offline
// use, serves navigations from the precached index.html, takes an update when the page asks
// (SKIP_WAITING, registerServiceWorker.ts), and sets COOP/COEP and the CSP on every response it serves,
// so a static host that sends no such headers still gives a cross-origin-isolated page (wasm threads)
// once the worker controls it, i.e. from the second load on.
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, addPlugins } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { withServedHeaders } from './securityHeaders';

/** The parts of ServiceWorkerGlobalScope used here (the project's lib is DOM, not WebWorker). */
interface ServiceWorkerScope {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
  skipWaiting(): Promise<void>;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}

declare const self: ServiceWorkerScope;

// Precached responses (the pages, scripts and worker scripts, wasm, models) leave with the headers set.
addPlugins([{ handlerWillRespond: async ({ response }) => withServedHeaders(response) }]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html')));

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
