// `npm run bench:import`: the import benchmark runs in Playwright's runner (it compiles the
// TypeScript and drives Chromium) against the production build, like the e2e tests.
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import baseConfig from '../../playwright.config.ts';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  ...baseConfig,
  testDir: '.',
  testMatch: 'importBench.ts',
  timeout: 300_000,
  reporter: [['list']],
  // The web server runs where its config lives unless told otherwise: serve the repository's dist/.
  webServer: { ...(baseConfig.webServer as object), cwd: repositoryRoot } as typeof baseConfig.webServer,
});
