// The headers the preview server sends, as a host should (README "Hosting"): the Content-Security-Policy
// with frame-ancestors 'none' (a <meta> policy cannot forbid framing and does not reach worker scripts)
// and cross-origin isolation, on the page and on the worker and service-worker scripts alike.
import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const workerScript = readdirSync('dist/assets').find((name) => /^detection\.worker-.*\.js$/.test(name));

test('the page, a worker script and the service worker carry the CSP and cross-origin isolation headers', async ({ request }) => {
  expect(workerScript, 'dist/assets holds the built detection worker (run vite build first)').toBeDefined();
  for (const path of ['/', `/assets/${workerScript}`, '/sw.js']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const headers = response.headers();
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy'], path).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(headers['content-security-policy'], path).toContain("default-src 'self'");
    expect(headers['cross-origin-opener-policy'], path).toBe('same-origin');
    expect(headers['cross-origin-embedder-policy'], path).toBe('require-corp');
  }
});
