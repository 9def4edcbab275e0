// Build, dev server, PWA and test-runner configuration.
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { backboneModelsPlugin } from './scripts/backboneModelsPlugin.ts';
import { chromiumLaunchOptions } from './scripts/chromium.mjs';
import { localizedManifestTexts } from './scripts/localizedManifest.ts';
import { contentSecurityPolicy, contentSecurityPolicyHeader, isolationHeaders } from './src/pwa/securityHeaders.ts';

/**
 * The dev server's: hot reload injects an inline script and inline styles and talks over a WebSocket,
 * so dev allows those; everything else as in production.
 */
const devContentSecurityPolicyHeader = contentSecurityPolicyHeader
  .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
  .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
  .replace("connect-src 'self'", "connect-src 'self' ws: wss:");

// The policy is added to built pages only: dev mode's inline styles would break under it.
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'spotcheck-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy }, injectTo: 'head-prepend' }],
  };
}

const largestPrecachedFileBytes = 64 * 1024 * 1024;
/** Generous per-test limits: the suites run on 2 loaded cores; speed is measured by `npm run bench`, not here. */
const unitTestTimeoutMs = 60_000;
const browserTestTimeoutMs = 120_000;
/**
 * `expect.poll`'s own default (1 s) is shorter than one detection or render on a loaded CI core: a poll
 * that waits for a change notice (a saved threshold, a drawn verdict) timed out before it arrived.
 */
const expectPoll = { timeout: 20_000, interval: 50 };

export default defineConfig({
  plugins: [
    react(),
    contentSecurityPolicyMeta(),
    backboneModelsPlugin(),
    VitePWA({
      // Our own worker (src/pwa/sw.ts): it also sets COOP/COEP and the CSP on what it serves.
      strategies: 'injectManifest',
      srcDir: 'src/pwa',
      filename: 'sw.ts',
      injectRegister: false,
      registerType: 'prompt',
      includeAssets: ['icons/*.png', 'icons/*.svg'],
      manifest: {
        ...localizedManifestTexts(),
        short_name: 'Spotcheck',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#f4f5f7',
        theme_color: '#1d4e89',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,mjs,css,html,wasm,onnx,json,png,svg,webmanifest}'],
        maximumFileSizeToCacheInBytes: largestPrecachedFileBytes,
      },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2048 },
  // Every response, worker scripts and the service worker included, carries the policy and the isolation.
  server: { headers: { ...isolationHeaders, 'Content-Security-Policy': devContentSecurityPolicyHeader } },
  preview: { headers: { ...isolationHeaders, 'Content-Security-Policy': contentSecurityPolicyHeader } },
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
          setupFiles: ['test/unit/setup.ts'],
          // Tests that build and run ORT sessions take seconds; CI machines run them at a load of 2–3 per core.
          testTimeout: unitTestTimeoutMs,
          expect: { poll: expectPoll },
        },
      },
      {
        plugins: [react(), backboneModelsPlugin()],
        worker: { format: 'es' },
        // Pre-bundled up front: a dependency first met inside a worker mid-run makes Vite reload,
        // which kills that worker on a fresh checkout; React found mid-run would load twice (invalid hook calls).
        optimizeDeps: {
          include: [
            'comlink',
            'fflate',
            'fast-png',
            'papaparse',
            'i18next',
            'idb',
            'onnx-proto',
            'protobufjs/minimal',
            'react',
            'react/jsx-dev-runtime',
            'react-dom/client',
            'react-i18next',
            'react-router',
            'uplot',
            'workbox-window',
            'zustand',
          ],
        },
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: browserTestTimeoutMs,
          expect: { poll: expectPoll },
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromiumLaunchOptions() }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
