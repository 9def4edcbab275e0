// `npm run bench -- --runtime browser`, Node side: serves the repository with Vite (the app's config:
// cross-origin isolation, backbone models) plus the dataset files, opens the bench page in headless
// Chromium, lets it run the app's own training and detection workers, and samples the browser's memory.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createServer, type Plugin } from 'vite';
import { encodeLabelMaskPng } from '../../src/domain/png';
import { chromiumLaunchOptions } from '../chromium.mjs';
import type { LoadedDataset } from './loadDataset';
import { benchDataPath, benchFilePath, trainedMarker, type BenchData, type BenchItem, type PageBenchResult } from './browser/protocol';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));
const benchPageUrl = '/scripts/bench/browser/index.html';
const memorySampleIntervalMs = 250;
/** Training the largest bench set with the head on SwiftShader WebGPU can take minutes. */
const pageTimeoutMs = 30 * 60_000;

export interface BrowserBenchInput {
  trainSet: LoadedDataset;
  testSet: LoadedDataset | null;
  /** Folders the images' ids are relative to (a manifest's folder, or the normal/anomaly folder's parent). */
  trainRoot: string;
  testRoot: string | null;
  split: { trainIds: string[]; testIds: string[] } | null;
  config: Pick<BenchData, 'seed' | 'backend' | 'backboneId' | 'coresetRatio'>;
}

export interface BrowserBenchOutput extends PageBenchResult {
  /** Peak memory (summed PSS) of the browser's processes together (all children of the bench) while the page ran, bytes. */
  peakBytes: number;
  /** The same until training finished (before the detection worker started). */
  trainingPeakBytes: number;
  /** The browser with the bench page loaded and nothing run yet. */
  idleBytes: number;
}

export function datasetRoot(source: string): string {
  return statSync(source).isDirectory() ? source : dirname(source);
}

function benchFiles(input: BrowserBenchInput): { data: BenchData; files: Map<string, Buffer> } {
  const files = new Map<string, Buffer>();
  const items: BenchItem[] = [];
  const add = (set: LoadedDataset, root: string, dataset: 'train' | 'test', prefix: string) => {
    const labelsOf = new Map(set.candidates.map((candidate) => [candidate.id, [...candidate.anomalyLabelIds]]));
    for (const image of set.images) {
      const file = String(items.length);
      files.set(file, readFileSync(join(root, image.id.slice(prefix.length))));
      const item: BenchItem = {
        id: image.id,
        dataset,
        classification: image.classification,
        labelNames: image.mask ? (labelsOf.get(image.id) ?? []) : [],
        file,
      };
      if (image.mask && item.labelNames.length > 0) {
        item.mask = `${file}-mask`;
        files.set(item.mask, Buffer.from(encodeLabelMaskPng(image.mask, image.width, image.height)));
      }
      items.push(item);
    }
  };
  add(input.trainSet, input.trainRoot, 'train', input.testSet ? 'train/' : '');
  if (input.testSet && input.testRoot) add(input.testSet, input.testRoot, 'test', 'test/');
  const first = input.trainSet.images[0]!;
  const labels = [...input.trainSet.labels, ...(input.testSet?.labels ?? [])]
    .filter((label, index, all) => all.findIndex((other) => other.index === label.index) === index)
    .sort((a, b) => a.index - b.index)
    .map(({ name, color }) => ({ name, color }));
  return {
    data: { items, labels, imageSize: { width: first.width, height: first.height }, ...(input.split ? { split: input.split } : {}), ...input.config },
    files,
  };
}

function benchDataPlugin(data: BenchData, files: Map<string, Buffer>): Plugin {
  return {
    name: 'spotcheck-bench-data',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const url = (request.url ?? '').split('?')[0] ?? '';
        const body =
          url === benchDataPath ? Buffer.from(JSON.stringify(data)) : url.startsWith(benchFilePath) ? files.get(url.slice(benchFilePath.length)) : undefined;
        if (!body) {
          next();
          return;
        }
        response.setHeader('Content-Type', url === benchDataPath ? 'application/json' : 'application/octet-stream');
        response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
        response.end(body);
      });
    },
  };
}

/**
 * Memory of all descendants of a process (the browser's processes; esbuild's service is small), as the
 * sum of their proportional set sizes: summed RSS would count the pages Chromium's processes share
 * (libraries, shared memory) once per process. Linux /proc; RSS where smaps_rollup cannot be read.
 */
function descendantsMemoryBytes(rootPid: number): number {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const inTree = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of table)
      if (!inTree.has(pid!) && inTree.has(ppid!)) {
        inTree.add(pid!);
        grew = true;
      }
  }
  return table.filter(([pid]) => pid !== rootPid && inTree.has(pid!)).reduce((sum, [pid, , rssKb]) => sum + (pssKb(pid!) ?? rssKb!) * 1024, 0);
}

function pssKb(pid: number): number | undefined {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

export async function runInBrowser(input: BrowserBenchInput): Promise<BrowserBenchOutput> {
  const { data, files } = benchFiles(input);
  const server = await createServer({
    configFile: join(repositoryRoot, 'vite.config.ts'),
    root: repositoryRoot,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, hmr: false },
    plugins: [benchDataPlugin(data, files)],
    // Pre-bundled up front: a dependency first met inside a worker mid-run would make Vite reload the page.
    optimizeDeps: { entries: [benchPageUrl.slice(1), 'workers/*.worker.ts'] },
  });
  await server.listen();
  const address = server.httpServer!.address();
  const origin = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
  const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true });
  let peakBytes = 0;
  let trainingPeakBytes = 0;
  const sampler = setInterval(() => {
    peakBytes = Math.max(peakBytes, descendantsMemoryBytes(process.pid));
  }, memorySampleIntervalMs);
  try {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.text() === trainedMarker) trainingPeakBytes = Math.max(peakBytes, descendantsMemoryBytes(process.pid));
      else if (message.type() === 'error') console.error(`[page] ${message.text()}`);
    });
    page.setDefaultTimeout(pageTimeoutMs);
    await page.goto(`${origin}${benchPageUrl}`);
    await page.waitForFunction(() => 'runSpotcheckBench' in globalThis);
    const idleBytes = descendantsMemoryBytes(process.pid);
    const result = await page.evaluate(() => (globalThis as unknown as { runSpotcheckBench: () => Promise<PageBenchResult> }).runSpotcheckBench());
    return { ...result, peakBytes, trainingPeakBytes, idleBytes };
  } finally {
    clearInterval(sampler);
    await browser.close();
    await server.close();
  }
}
