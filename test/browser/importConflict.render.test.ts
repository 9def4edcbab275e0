// The import panel in Chromium, with the real import worker and IndexedDB: a picture the dataset already
// holds as an anomaly, chosen again in a folder's normal/ subfolder, is reported by name with both labels and
// stored nothing of, and of two same pictures chosen together with opposite labels one is kept (issue 15, defect 2: the same picture is never stored twice with opposite labels).
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImportPanel } from '../../src/datasets/import/ImportPanel';
import { encodeRgbaPng } from '../../src/domain/png';
import type { Dataset, Project } from '../../src/domain/types';
import { i18n } from '../../src/i18n';
import { prepareDatasetImport } from '../../src/runtime/datasetImport';
import { createDataset, listEntries } from '../../src/storage/datasets';
import { openSpotcheckDb } from '../../src/storage/db';
import { createProject, deleteProject } from '../../src/storage/projects';

const width = 96;
const height = 64;
/** How long a poll may wait for the worker, IndexedDB and React: generous for a loaded 2-core machine. */
const importTimeoutMs = 30_000;
const poll = { timeout: importTimeoutMs, interval: 50 };

let project: Project;
let train: Dataset;
let root: Root;
let container: HTMLDivElement;

function pngBytes(seed: number): Uint8Array<ArrayBuffer> {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 31 + seed * 97) % 251;
  return encodeRgbaPng(rgba, width, height) as Uint8Array<ArrayBuffer>;
}

/** A file as the folder picker hands it over: its path below the chosen folder is in webkitRelativePath. */
function fileInChosenFolder(relativePath: string, bytes: Uint8Array<ArrayBuffer>): File {
  const file = new File([bytes], relativePath.split('/').at(-1)!, { type: 'image/png' });
  Object.defineProperty(file, 'webkitRelativePath', { value: relativePath });
  return file;
}

function chooseFolder(files: File[]) {
  const input = container.querySelector<HTMLInputElement>('[data-testid="import-folder-train"]')!;
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * Everything stored for this project, with each entry's image bytes (other test files share this database
 * and may write meanwhile, so the whole database is not compared).
 */
async function projectRecords() {
  const db = await openSpotcheckDb();
  const entries = await db.getAllFromIndex('entries', 'by-project', project.id);
  const imageBytes = await Promise.all(entries.map(async (entry) => [...new Uint8Array(await (await db.get('images', entry.imageId))!.blob.arrayBuffer())]));
  return {
    project: await db.get('projects', project.id),
    datasets: await db.getAllFromIndex('datasets', 'by-project', project.id),
    labels: await db.getAllFromIndex('anomalyLabels', 'by-project', project.id),
    entries,
    imageBytes,
  };
}

const reportLines = () => [...container.querySelectorAll('[data-testid="import-report"] p, [data-testid="import-report"] li')].map((line) => line.textContent);

beforeEach(async () => {
  const db = await openSpotcheckDb();
  project = await createProject(db, `conflict-${crypto.randomUUID().slice(0, 8)}`);
  train = await createDataset(db, project.id, 'train');
  const stored = await prepareDatasetImport({
    projectId: project.id,
    datasetId: train.id,
    sources: [{ path: 'anomaly/dent-005.png', file: new File([pngBytes(1)], 'dent-005.png', { type: 'image/png' }) }],
    signal: new AbortController().signal,
    onProgress: () => {},
  });
  expect(stored.status).toBe('imported');
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  root.render(createElement(I18nextProvider, { i18n }, createElement(ImportPanel, { dataset: train })));
  await vi.waitFor(() => expect(container.querySelector('[data-testid="import-folder-train"]')).not.toBeNull(), poll);
});

afterEach(async () => {
  root.unmount();
  container.remove();
  await deleteProject(await openSpotcheckDb(), project.id, project.name);
});

describe('importing a stored picture again with the opposite label', () => {
  it('names the file, both labels and the stored picture, and stores nothing', async () => {
    const before = await projectRecords();
    chooseFolder([fileInChosenFolder('export/normal/normal-010.png', pngBytes(1))]);
    const conflict =
      'normal/normal-010.png is the same picture as anomaly/dent-005.png, which is labelled Anomaly; it was not added again as Normal. ' +
      'If Anomaly is wrong, correct the label of anomaly/dent-005.png.';
    await vi.waitFor(
      () => expect(reportLines()).toEqual(['Imported 0 new images.', '1 image was left out because the dataset already holds the same picture.', conflict]),
      poll,
    );
    expect(await projectRecords()).toEqual(before);
  });

  it('keeps one of two same pictures chosen together with opposite labels and names the other', async () => {
    chooseFolder([fileInChosenFolder('export/anomaly/dent-006.png', pngBytes(2)), fileInChosenFolder('export/normal/normal-011.png', pngBytes(2))]);
    const conflict =
      'normal/normal-011.png is the same picture as anomaly/dent-006.png, which is labelled Anomaly; it was not added again as Normal. ' +
      'If Anomaly is wrong, correct the label of anomaly/dent-006.png.';
    await vi.waitFor(
      () => expect(reportLines()).toEqual(['Imported 1 new image.', '1 image was left out because the dataset already holds the same picture.', conflict]),
      poll,
    );
    const stored = (await listEntries(await openSpotcheckDb(), train.id)).map(({ sourceRef, classification }) => ({ sourceRef, classification }));
    expect(stored.sort((a, b) => a.sourceRef.localeCompare(b.sourceRef))).toEqual([
      { sourceRef: 'anomaly/dent-005.png', classification: 'anomaly' },
      { sourceRef: 'anomaly/dent-006.png', classification: 'anomaly' },
    ]);
  });
});
