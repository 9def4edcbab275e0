// Model steps shared by the e2e specs: records read from the page's IndexedDB, the Models tab's rows,
// training a version from the UI on the wasm backend, and the exported model package.
import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';

/** A training run of the demo project or the cookies takes 30 s – 2 min here; loaded CI machines are slower. */
export const modelTrainingTimeoutMs = 10 * 60_000;

export interface StoredVersion {
  id: string;
  projectId: string;
  version: number;
  status: string;
  statusMessage: string;
  anomalyThreshold?: number;
  trainedAnomalyThreshold?: number;
  trainingDurationMs?: number;
  split?: { seed: number; trainIds: string[]; testIds: string[] };
  tags: { Key: string; Value: string }[];
}

/** Every record of a store, read in the page from the app's database. */
export function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('spotcheck');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const rows = await new Promise<unknown[]>((resolve) => {
      const request = db.transaction(name).objectStore(name).getAll();
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    return rows;
  }, store) as Promise<T[]>;
}

/** The project's model versions as stored, by number. */
export async function storedVersions(page: Page, projectId: string): Promise<StoredVersion[]> {
  const versions = await readStore<StoredVersion>(page, 'modelVersions');
  return versions.filter((version) => version.projectId === projectId).sort((a, b) => a.version - b.version);
}

export async function storedVersion(page: Page, projectId: string, version: number): Promise<StoredVersion | undefined> {
  return (await storedVersions(page, projectId)).find((candidate) => candidate.version === version);
}

export const modelRow = (page: Page, version: number) => page.getByTestId('model-versions').locator(`tr[data-model-version="${version}"]`);

/** From any page of the project: trains the next version (head on wasm) and waits for "Training complete". */
export async function trainFromModelsPage(page: Page, projectId: string, version: number): Promise<StoredVersion> {
  await page.getByRole('link', { name: 'Models', exact: true }).click();
  await page.getByRole('button', { name: 'Train model' }).click();
  const dialog = page.getByRole('dialog', { name: 'Train a new model version' });
  await dialog.getByLabel('Train the segmentation head on').selectOption('wasm');
  await dialog.getByRole('button', { name: 'Start training' }).click();
  await expect(dialog).toBeHidden();
  await expect(modelRow(page, version).getByTestId('model-status')).toHaveText('Training complete', { timeout: modelTrainingTimeoutMs });
  return (await storedVersion(page, projectId, version))!;
}

/** Exports a version from the Models tab and reads the package: its file name and bytes, `model.json` and `model.onnx`. */
export async function exportModelPackage(page: Page, version: number) {
  const [download] = await Promise.all([page.waitForEvent('download'), modelRow(page, version).getByRole('button', { name: 'Export', exact: true }).click()]);
  const zip = new Uint8Array(await readFile((await download.path())!));
  const files = unzipSync(zip);
  return {
    fileName: download.suggestedFilename(),
    zip,
    metadata: JSON.parse(strFromU8(files['model.json']!)) as Record<string, unknown> & {
      inputSize: { width: number; height: number };
      /** The threshold in effect, on the packaged graph's 0–1 `anomaly_score`. */
      threshold: number;
      labels: { name: string }[];
    },
    onnx: files['model.onnx']!,
  };
}
