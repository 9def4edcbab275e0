// Driving the annotation tool in the built app and reading back what it stored: the demo project's
// ids, a stored mask decoded in the page, image → page coordinates, strokes and saves.
import { expect, type Page } from '@playwright/test';

export interface StoredMask {
  /** Pixel count per label index (index 0 included); empty when the image has no mask. */
  counts: Record<number, number>;
  /** Label index at each sampled image point, in the order given. */
  samples: number[];
  width: number;
  /** Every pixel's label index, row by row, base64; only when asked for. */
  pixels?: string;
}

/** Entry ids by source-ref and label indices by name, as stored in the page's IndexedDB. */
export function storedIds(page: Page): Promise<{ entryIds: Record<string, string>; labelIndex: Record<string, number> }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('spotcheck');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
      });
    const entries = await all<{ id: string; sourceRef: string }>('entries');
    const labels = await all<{ name: string; index: number }>('anomalyLabels');
    db.close();
    return {
      entryIds: Object.fromEntries(entries.map((entry) => [entry.sourceRef, entry.id])),
      labelIndex: Object.fromEntries(labels.map((label) => [label.name, label.index])),
    };
  });
}

/** Creates the demo project and returns its id with the entry ids and label indices by name. */
export async function demoProject(page: Page) {
  await page.goto('/projects');
  await page.getByRole('button', { name: 'Create demo project' }).click();
  await expect(page.getByRole('heading', { name: 'demo-flange' })).toBeVisible({ timeout: 60_000 });
  return { projectId: projectIdOf(page), ...(await storedIds(page)) };
}

export function projectIdOf(page: Page): string {
  return /projects\/([^/]+)/.exec(page.url())![1]!;
}

/** The stored mask of an entry, decoded in the page: pixel value = label index. */
export function storedMask(page: Page, entryId: string, points: [number, number][] = [], withPixels = false): Promise<StoredMask> {
  return page.evaluate(
    async ({ entryId, points, withPixels }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('spotcheck');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const get = <T>(store: string, key: string) =>
        new Promise<T | undefined>((resolve) => {
          const request = db.transaction(store).objectStore(store).get(key);
          request.onsuccess = () => resolve(request.result as T | undefined);
        });
      const entry = await get<{ maskId: string | null; width: number; height: number }>('entries', entryId);
      const mask = entry?.maskId ? await get<{ blob: Blob }>('masks', entry.maskId) : undefined;
      db.close();
      if (!entry || !mask) return { counts: {}, samples: points.map(() => 0), width: entry?.width ?? 0 };
      const bitmap = await createImageBitmap(mask.blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
      const counts: Record<number, number> = {};
      const indices = new Uint8Array(data.length / 4);
      for (let i = 0; i < indices.length; i++) {
        indices[i] = data[i * 4]!;
        counts[indices[i]!] = (counts[indices[i]!] ?? 0) + 1;
      }
      let pixels: string | undefined;
      if (withPixels) {
        let binary = '';
        for (let start = 0; start < indices.length; start += 0x8000) binary += String.fromCharCode(...indices.subarray(start, start + 0x8000));
        pixels = btoa(binary);
      }
      return { counts, samples: points.map(([x, y]) => indices[y * bitmap.width + x]!), width: bitmap.width, pixels };
    },
    { entryId, points, withPixels },
  );
}

/** Labelled pixels of a stored mask (every non-zero count). */
export const labelledPixels = (mask: StoredMask) => Object.entries(mask.counts).reduce((sum, [index, count]) => sum + (index === '0' ? 0 : count), 0);

/**
 * Where image pixel (x, y) is on the page, from the stage's current zoom and pan. The stage is
 * scrolled fully into view first (a slider used before may have scrolled the page).
 */
export async function pagePoint(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const stage = page.getByTestId('annotation-stage');
  await stage.scrollIntoViewIfNeeded();
  const box = (await stage.boundingBox())!;
  const [zoom, panX, panY] = await stage.evaluate((element) => ['zoom', 'panX', 'panY'].map((key) => Number(element.dataset[key])));
  return { x: box.x + panX! + (x + 0.5) * zoom!, y: box.y + panY! + (y + 0.5) * zoom! };
}

export async function mouseStroke(page: Page, from: [number, number], to: [number, number]) {
  const start = await pagePoint(page, ...from);
  const end = await pagePoint(page, ...to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 12 });
  await page.mouse.up();
}

export const editor = (page: Page) => page.getByTestId('annotation-editor');

/** Saves with the Save button and waits until the editor reports nothing unsaved. */
export async function saveAndWait(page: Page) {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(editor(page)).toHaveAttribute('data-dirty', 'false');
}

/** Waits until the stage has laid out its view of the image. */
export async function waitForStage(page: Page) {
  await expect(page.getByTestId('annotation-stage')).toHaveAttribute('data-zoom', /\d/);
}

export async function openEntry(page: Page, projectId: string, entryId: string) {
  await page.goto(`/projects/${projectId}/label/${entryId}`);
  await waitForStage(page);
}

/** The labelled pixel count the editor shows for its current mask. */
export async function editorMaskPixels(page: Page): Promise<number> {
  return Number(await page.getByTestId('mask-area').getAttribute('data-pixels'));
}

/** Waits until the editor shows `count` labelled pixels (its count follows each applied edit). */
export async function expectEditorMaskPixels(page: Page, count: number) {
  await expect(page.getByTestId('mask-area')).toHaveAttribute('data-pixels', String(count));
}

/** The page's uncaught errors, collected so a test can check "no crash" rather than assume it. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/**
 * Resolves once the page has drawn two more frames. Chromium delivers touch events aligned to
 * frames, so this lets a synthetic touch sequence be handled in full before the next input.
 */
export function inputSettled(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}
