// Importing a file again at the same path, through the real import worker and IndexedDB in
// Chromium: identical bytes change nothing (labels and masks made in the app stay), and a
// different picture at the same path is only written after the user chose to replace it.
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeLabelMaskPng, encodeRgbaPng } from '../../src/domain/png';
import type { Project } from '../../src/domain/types';
import { commitPreparedImport, prepareDatasetImport, type ImportOutcome, type ImportRequest } from '../../src/runtime/datasetImport';
import type { SourceFile } from '../../src/app/fileSources';
import { i18n } from '../../src/i18n';
import { saveAnnotation } from '../../src/storage/annotations';
import { createDataset, listEntries } from '../../src/storage/datasets';
import { openSpotcheckDb } from '../../src/storage/db';
import { addAnomalyLabel } from '../../src/storage/labels';
import { createProject } from '../../src/storage/projects';
import { snapshotDatabase } from '../fixtures/storageTestKit';

const width = 96;
const height = 64;

function pngFile(path: string, seed: number): SourceFile {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 31 + seed * 97) % 251;
  return { path, file: new File([encodeRgbaPng(rgba, width, height) as Uint8Array<ArrayBuffer>], path.split('/').at(-1)!) };
}

let project: Project;
let datasetId: string;

beforeEach(async () => {
  const db = await openSpotcheckDb();
  project = await createProject(db, `reimport-${crypto.randomUUID().slice(0, 8)}`);
  datasetId = (await createDataset(db, project.id, 'train')).id;
});

function request(sources: SourceFile[], overrides: Partial<ImportRequest> = {}): ImportRequest {
  return { projectId: project.id, datasetId, sources, signal: new AbortController().signal, onProgress: () => {}, ...overrides };
}

async function imported(outcome: Promise<ImportOutcome>) {
  const result = await outcome;
  if (result.status !== 'imported') throw new Error(`expected an import, got ${result.status}`);
  return { ...result.report, keptChanged: result.keptChanged };
}

/** Labels `sourceRef` in the app: anomaly with a one-pixel mask of a new label. */
async function labelInApp(sourceRef: string) {
  const db = await openSpotcheckDb();
  const label = await addAnomalyLabel(db, project.id, 'scratch');
  const entry = (await listEntries(db, datasetId)).find((candidate) => candidate.sourceRef === sourceRef)!;
  const indices = new Uint8Array(width * height);
  indices[0] = label.index;
  const mask = new Blob([encodeLabelMaskPng(indices, width, height) as Uint8Array<ArrayBuffer>], { type: 'image/png' });
  return saveAnnotation(db, entry.id, { classification: 'anomaly', mask, labelIds: [label.id] });
}

describe('importing the same path again', () => {
  it('identical bytes are reported unchanged and keep the labels and masks made in the app', async () => {
    const files = [pngFile('anomaly/scratch-002.png', 1), pngFile('normal/a.png', 2), pngFile('b.png', 3)];
    await imported(prepareDatasetImport(request(files)));
    const labelled = await labelInApp('b.png');
    const db = await openSpotcheckDb();
    const before = await snapshotDatabase(db);

    const report = await imported(prepareDatasetImport(request(files)));
    expect(report).toMatchObject({ added: 0, updated: 0, unchanged: 3 });
    expect(i18n.t('importPanel.unchanged', { count: report.unchanged })).toBe(
      '3 images were already in the dataset with the same picture; they and their labels are unchanged.',
    );
    expect(await snapshotDatabase(db)).toEqual(before);

    const withOneMore = await imported(prepareDatasetImport(request([...files, pngFile('c.png', 4)])));
    expect(withOneMore).toMatchObject({ added: 1, updated: 0, unchanged: 3 });
    expect(i18n.t('importPanel.added', { count: withOneMore.added })).toBe('Imported 1 new image.');
    const kept = (await listEntries(db, datasetId)).find((entry) => entry.id === labelled.id);
    expect(kept).toEqual(labelled);
  });

  it('a different picture at the same path asks first; keeping leaves the stored entry as it is', async () => {
    await imported(prepareDatasetImport(request([pngFile('b.png', 3)])));
    const labelled = await labelInApp('b.png');
    const db = await openSpotcheckDb();
    const before = await snapshotDatabase(db);

    const retaken = [pngFile('b.png', 9), pngFile('new.png', 5)];
    const asked = await prepareDatasetImport(request(retaken));
    if (asked.status !== 'needsReplaceDecision') throw new Error(`expected the replace question, got ${asked.status}`);
    expect(asked.changedPaths).toEqual(['b.png']);
    expect(asked.labelledCount).toBe(1);
    expect(i18n.t('importPanel.replace.question', { count: 1, paths: asked.changedPaths.join(', ') })).toBe(
      '1 image is already in this dataset as a different picture: b.png. Replace it with the imported one?',
    );
    expect(await snapshotDatabase(db)).toEqual(before);

    const kept = await imported(commitPreparedImport(request(retaken, { replaceChanged: 'keep' }), asked.prepared));
    expect(kept).toMatchObject({ added: 1, updated: 0, unchanged: 0, keptChanged: 1 });
    expect((await listEntries(db, datasetId)).find((entry) => entry.id === labelled.id)).toEqual(labelled);
  });

  it('a different picture at the same path is replaced only when the user says so', async () => {
    await imported(prepareDatasetImport(request([pngFile('b.png', 3)])));
    const labelled = await labelInApp('b.png');
    const asked = await prepareDatasetImport(request([pngFile('b.png', 9)]));
    if (asked.status !== 'needsReplaceDecision') throw new Error(`expected the replace question, got ${asked.status}`);

    const replaced = await imported(commitPreparedImport(request([], { replaceChanged: 'replace' }), asked.prepared));
    expect(replaced).toMatchObject({ added: 0, updated: 1 });
    const entry = (await listEntries(await openSpotcheckDb(), datasetId)).find((candidate) => candidate.id === labelled.id)!;
    expect(entry.contentHash).not.toBe(labelled.contentHash);
    expect(entry).toMatchObject({ classification: null, maskId: null });
  });
});
