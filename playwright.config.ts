// End-to-end tests: the production build served by `vite preview`, driven in real Chromium.
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/chromium.mjs';

// SPOTCHECK_E2E_PORT lets two checkouts on one machine run their e2e suites side by side.
const previewPort = Number(process.env.SPOTCHECK_E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'test/e2e',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-reports/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${previewPort}`,
    launchOptions: chromiumLaunchOptions(),
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npx vite preview --port ${previewPort} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${previewPort}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
