// Threads on any static host: dist/ served by a plain file server that sends no COOP/COEP (nor CSP)
// headers gives a page that is not cross-origin isolated (one wasm thread) on the first load; once the
// service worker is installed, a reload is served by it with the headers set, so the page is isolated
// and Settings reports the detection worker's ORT running one thread per core (up to ORT's cap).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { expect, test } from '@playwright/test';
import { maxWasmThreads } from '../../workers/ort';

const distFolder = 'dist';
const port = Number(process.env.SPOTCHECK_E2E_PORT ?? 4173) + 100;
const contentTypes: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Files of dist/ with a content type and nothing else; unknown paths get index.html (a single-page app). */
function headerlessStaticServer(): Server {
  return createServer((request, response) => {
    const path = normalize(decodeURIComponent((request.url ?? '/').split('?')[0]!)).replace(/^(\.\.[/\\])+/, '');
    const candidate = join(distFolder, path);
    const file = existsSync(candidate) && statSync(candidate).isFile() ? candidate : join(distFolder, 'index.html');
    response.writeHead(200, { 'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
}

let server: Server;
test.beforeAll(async () => {
  expect(existsSync(join(distFolder, 'sw.js')), 'dist/ holds the built app (run vite build first)').toBe(true);
  server = headerlessStaticServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
});
test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test('a host without COOP/COEP: the service worker makes the page cross-origin isolated after a reload, and detection gets its threads', async ({ page }) => {
  const origin = `http://127.0.0.1:${port}`;
  const firstLoad = await page.goto(`${origin}/settings`);
  expect(firstLoad!.headers()['cross-origin-embedder-policy']).toBeUndefined();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  await expect(page.getByTestId('threads-in-use')).toHaveText(/^1 thread: the page is not cross-origin isolated/);

  // The service worker is installed and active: the next load is served by it.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  const reloaded = await page.reload();
  expect(reloaded!.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  expect(reloaded!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const threads = Math.min(cores, maxWasmThreads);
  await expect(page.getByTestId('threads-in-use')).toHaveText(threads > 1 ? `${threads} threads (cross-origin isolated).` : /^1 thread: this device/);
});
