// Captured camera frames through the real import worker and IndexedDB in Chromium: a frame the dataset
// already holds is never stored twice, and the operator is told which stored picture it is and its label.
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeRgbaPng } from '../../src/domain/png';
import type { Dataset, Project } from '../../src/domain/types';
import { describeError, i18n } from '../../src/i18n';
import { prepareDatasetImport } from '../../src/runtime/datasetImport';
import { importCapturedFrame } from '../../src/runtime/importCapturedFrame';
import { saveAnnotation } from '../../src/storage/annotations';
import { createDataset, listEntries } from '../../src/storage/datasets';
import { addAnomalyLabel } from '../../src/storage/labels';
import { encodeLabelMaskPng } from '../../src/domain/png';
import { openSpotcheckDb } from '../../src/storage/db';
import { createProject } from '../../src/storage/projects';
import { snapshotDatabase } from '../fixtures/storageTestKit';

const width = 96;
const height = 64;

function pngFrame(seed: number): Blob {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 31 + seed * 97) % 251;
  return new Blob([encodeRgbaPng(rgba, width, height) as Uint8Array<ArrayBuffer>], { type: 'image/png' });
}

let project: Project;
let train: Dataset;

beforeEach(async () => {
  const db = await openSpotcheckDb();
  project = await createProject(db, `capture-${crypto.randomUUID().slice(0, 8)}`);
  train = await createDataset(db, project.id, 'train');
  const frame = pngFrame(1);
  const outcome = await prepareDatasetImport({
    projectId: project.id,
    datasetId: train.id,
    sources: [{ path: 'anomaly/dent-005.png', file: new File([frame], 'dent-005.png', { type: 'image/png' }) }],
    signal: new AbortController().signal,
    onProgress: () => {},
  });
  expect(outcome.status).toBe('imported');
});

describe('capturing a frame the dataset already holds', () => {
  it('stores nothing and names the stored picture and its opposite label', async () => {
    const db = await openSpotcheckDb();
    const before = await snapshotDatabase(db);
    const message = await importCapturedFrame(train, pngFrame(1), 'normal').then(() => 'stored', describeError);
    expect(message).toBe(
      'Not saved: the dataset already holds this very picture as anomaly/dent-005.png, labelled anomaly, not normal. If anomaly is wrong, correct the label of anomaly/dent-005.png.',
    );
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('stores nothing and names the stored picture when the label agrees', async () => {
    const db = await openSpotcheckDb();
    const before = await snapshotDatabase(db);
    const message = await importCapturedFrame(train, pngFrame(1), 'anomaly').then(() => 'stored', describeError);
    expect(message).toBe('Not saved: the dataset already holds this very picture as anomaly/dent-005.png.');
    expect(await snapshotDatabase(db)).toEqual(before);
  });
});

/** Gives the stored anomaly a one-pixel mask: the project becomes a segmentation project. */
async function maskStoredAnomaly() {
  const db = await openSpotcheckDb();
  const label = await addAnomalyLabel(db, project.id, 'dent');
  const [entry] = await listEntries(db, train.id);
  const indices = new Uint8Array(width * height);
  indices[0] = label.index;
  const mask = new Blob([encodeLabelMaskPng(indices, width, height) as Uint8Array<ArrayBuffer>], { type: 'image/png' });
  await saveAnnotation(db, entry!.id, { classification: 'anomaly', mask, labelIds: [label.id] });
}

describe('capturing an anomaly', () => {
  it('in a segmentation project, says it needs a mask and gives the stored entry to paint it', async () => {
    await maskStoredAnomaly();
    const captured = await importCapturedFrame(train, pngFrame(2), 'anomaly');
    expect(captured.needsMask).toBe(true);
    const stored = (await listEntries(await openSpotcheckDb(), train.id)).find((entry) => entry.id === captured.entryId);
    expect(stored).toMatchObject({ classification: 'anomaly', maskId: null });
    expect(i18n.t('capture.needsMask')).toBe(
      'This project marks anomalies with masks: the captured anomaly has none yet, and training waits until it has one.',
    );
    expect(i18n.t('capture.paintMask')).toBe('Paint its mask now');
  });

  it('needs no mask for a normal capture, nor in a classification project', async () => {
    expect((await importCapturedFrame(train, pngFrame(3), 'anomaly')).needsMask).toBe(false);
    await maskStoredAnomaly();
    expect((await importCapturedFrame(train, pngFrame(4), 'normal')).needsMask).toBe(false);
  });
});
