// Gallery operations on a real (in-memory) IndexedDB: classify and remove selections (counts always
// equal to the entries, masks only on anomalies), the filtered paged listing and its filter counts.
import type { IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AnomalyLabel, Dataset, DatasetEntry } from '../../src/domain/types';
import { createDataset } from '../../src/storage/datasets';
import { classifyEntries, countEntriesByFilter, queryEntries, removeEntries, type EntryQuery } from '../../src/storage/entries';
import { commitImport } from '../../src/storage/importCommit';
import { listAnomalyLabels } from '../../src/storage/labels';
import { createProject } from '../../src/storage/projects';
import type { SpotcheckDB } from '../../src/storage/schema';
import { importItem, maskedItem } from '../fixtures/importItems';
import { fakePng, sampleSize } from '../fixtures/sampleProject';
import { failureMessage, snapshotDatabase, storeInconsistencies, useFreshDatabase } from '../fixtures/storageTestKit';

let db: IDBPDatabase<SpotcheckDB>;
let train: Dataset;
let test: Dataset;
let labelId: Record<string, string>;
useFreshDatabase((opened) => (db = opened));

/** Train: two normal, two masked anomalies, one anomaly without mask, one unlabeled. Test: one of each class. */
beforeEach(async () => {
  const project = await createProject(db, 'parts');
  train = await createDataset(db, project.id, 'train');
  test = await createDataset(db, project.id, 'test');
  await commitImport(db, {
    projectId: project.id,
    datasetId: train.id,
    imageSize: sampleSize,
    newLabels: [
      { name: 'scratch', color: '#2ca02c' },
      { name: 'dent', color: '#1f77b4' },
    ],
    items: [
      importItem('img-1.png', { classification: 'normal', createdAt: '2026-01-01T00:00:00Z', thumbnail: fakePng('thumb-1') }),
      importItem('img-2.png', { classification: 'normal', createdAt: '2026-01-05T00:00:00Z' }),
      maskedItem('img-10.png', ['scratch'], { createdAt: '2026-01-02T00:00:00Z', thumbnail: fakePng('thumb-10') }),
      maskedItem('img-11.png', ['scratch', 'dent'], { createdAt: '2026-01-04T00:00:00Z' }),
      importItem('img-20.png', { classification: 'anomaly', createdAt: 'Mon Jan 03 2026 10:00:00 GMT+0000' }),
      importItem('extra/img-3.png', { createdAt: 'not a date' }),
    ],
  });
  await commitImport(db, {
    projectId: project.id,
    datasetId: test.id,
    imageSize: sampleSize,
    newLabels: [],
    items: [importItem('t-1.png', { classification: 'normal' }), maskedItem('t-2.png', ['dent']), importItem('t-3.png')],
  });
  labelId = Object.fromEntries((await listAnomalyLabels(db, project.id)).map((label: AnomalyLabel) => [label.name, label.id]));
});

async function entriesByRef(): Promise<Map<string, DatasetEntry>> {
  return new Map((await db.getAll('entries')).map((entry) => [entry.sourceRef, entry]));
}

async function idsOf(...sourceRefs: string[]): Promise<string[]> {
  const byRef = await entriesByRef();
  return sourceRefs.map((sourceRef) => byRef.get(sourceRef)!.id);
}

async function statsOf(datasetId: string) {
  const dataset = await db.get('datasets', datasetId);
  return { status: dataset?.status, imageStats: dataset?.imageStats };
}

async function names(datasetId: string, query: Partial<EntryQuery> = {}): Promise<{ total: number; names: string[] }> {
  const page = await queryEntries(db, datasetId, { sort: 'name', offset: 0, limit: 100, ...query });
  return { total: page.total, names: page.entries.map((entry) => entry.sourceRef) };
}

describe('classifyEntries', () => {
  it('classifies a selection as a person’s decision and recounts the dataset in the same write', async () => {
    const before = await snapshotDatabase(db);
    await classifyEntries(db, await idsOf('img-1.png', 'extra/img-3.png'), 'anomaly');

    const byRef = await entriesByRef();
    expect(byRef.get('img-1.png')).toMatchObject({ classification: 'anomaly', humanAnnotated: true, maskId: null });
    expect(byRef.get('extra/img-3.png')).toMatchObject({ classification: 'anomaly', humanAnnotated: true });
    expect(await statsOf(train.id)).toEqual({
      status: 'UPDATE_COMPLETE',
      imageStats: { Total: 6, Labeled: 6, Normal: 1, Anomaly: 5 },
    });
    // Only the two entries and their dataset changed.
    const after = await snapshotDatabase(db);
    const differing = (store: string) =>
      Object.keys(after[store] ?? {}).filter((key) => JSON.stringify(after[store]?.[key]) !== JSON.stringify(before[store]?.[key]));
    expect(differing('entries').sort()).toEqual((await idsOf('img-1.png', 'extra/img-3.png')).map((id) => JSON.stringify(id)).sort());
    expect(differing('datasets')).toEqual([JSON.stringify(train.id)]);
    for (const store of ['images', 'thumbnails', 'masks', 'anomalyLabels', 'projects']) expect(after[store], store).toEqual(before[store]);
  });

  it('marks entries unlabeled as no one’s judgement', async () => {
    await classifyEntries(db, await idsOf('img-2.png'), null);
    expect((await entriesByRef()).get('img-2.png')).toMatchObject({ classification: null, humanAnnotated: false });
    expect((await statsOf(train.id)).imageStats).toEqual({ Total: 6, Labeled: 4, Normal: 1, Anomaly: 3 });
  });

  it('keeps masks and labels of entries classified anomaly', async () => {
    const before = await entriesByRef();
    await classifyEntries(db, await idsOf('img-10.png'), 'anomaly');
    const after = (await entriesByRef()).get('img-10.png');
    expect(after?.maskId).toBe(before.get('img-10.png')?.maskId);
    expect(after?.anomalyLabelIds).toEqual([labelId.scratch]);
  });

  it.each<[string, 'normal' | null, string[], string]>([
    [
      'normal',
      'normal',
      ['img-10.png', 'img-11.png', 'img-1.png'],
      '2 selected images have masks. Clear their masks to mark them normal, or keep them anomalous.',
    ],
    ['unlabeled', null, ['img-10.png'], '1 selected image has a mask. Clear its mask to mark it unlabeled, or keep it anomalous.'],
  ])('refuses to make masked entries %s without clearMasks, changing nothing', async (_target, classification, refs, message) => {
    const before = await snapshotDatabase(db);
    expect(await failureMessage(classifyEntries(db, await idsOf(...refs), classification))).toBe(message);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('with clearMasks deletes the mask Blobs and labels, and the label counts follow', async () => {
    const masksBefore = await db.getAllKeys('masks');
    await classifyEntries(db, await idsOf('img-11.png', 'img-2.png'), 'normal', { clearMasks: true });
    const entry = (await entriesByRef()).get('img-11.png');
    expect(entry).toMatchObject({ classification: 'normal', maskId: null, anomalyLabelIds: [] });
    expect(await db.getAllKeys('masks')).toHaveLength(masksBefore.length - 1);
    expect(await db.countFromIndex('entries', 'by-label', labelId.dent!)).toBe(1);
    expect(await storeInconsistencies(db)).toEqual([]);
  });

  it('recounts every dataset the selection spans', async () => {
    await classifyEntries(db, await idsOf('img-2.png', 't-1.png', 't-3.png'), 'anomaly');
    expect(await statsOf(train.id)).toEqual({ status: 'UPDATE_COMPLETE', imageStats: { Total: 6, Labeled: 5, Normal: 1, Anomaly: 4 } });
    expect(await statsOf(test.id)).toEqual({ status: 'UPDATE_COMPLETE', imageStats: { Total: 3, Labeled: 3, Normal: 0, Anomaly: 3 } });
  });

  it('refuses a selection with entries removed meanwhile, changing nothing', async () => {
    const [gone] = await idsOf('img-1.png');
    await removeEntries(db, [gone!]);
    const before = await snapshotDatabase(db);
    expect(await failureMessage(classifyEntries(db, [gone!, ...(await idsOf('img-2.png'))], 'anomaly'))).toBe(
      '1 of the selected images no longer exists. Reload the gallery and try again; nothing was changed.',
    );
    expect(await snapshotDatabase(db)).toEqual(before);
  });
});

describe('removeEntries', () => {
  it('removes entries with their image, thumbnail and mask Blobs and recounts', async () => {
    const byRef = await entriesByRef();
    const removed = await removeEntries(db, await idsOf('img-1.png', 'img-10.png', 't-2.png'));
    expect(removed).toBe(3);
    for (const sourceRef of ['img-1.png', 'img-10.png', 't-2.png']) {
      const entry = byRef.get(sourceRef)!;
      expect(await db.get('entries', entry.id)).toBeUndefined();
      expect(await db.get('images', entry.imageId)).toBeUndefined();
      expect(await db.get('thumbnails', entry.imageId)).toBeUndefined();
    }
    expect(await db.get('masks', byRef.get('img-10.png')!.maskId!)).toBeUndefined();
    expect(await statsOf(train.id)).toEqual({ status: 'UPDATE_COMPLETE', imageStats: { Total: 4, Labeled: 3, Normal: 1, Anomaly: 2 } });
    expect((await statsOf(test.id)).imageStats).toEqual({ Total: 2, Labeled: 1, Normal: 1, Anomaly: 0 });
    expect(await storeInconsistencies(db)).toEqual([]);
  });

  it('skips ids already removed', async () => {
    const ids = await idsOf('img-1.png');
    await removeEntries(db, ids);
    const before = await snapshotDatabase(db);
    expect(await removeEntries(db, ids)).toBe(0);
    expect(await snapshotDatabase(db)).toEqual(before);
  });
});

describe('queryEntries', () => {
  it('sorts names naturally (img-2 before img-10) and pages with the total of all matches', async () => {
    expect(await names(train.id)).toEqual({
      total: 6,
      names: ['extra/img-3.png', 'img-1.png', 'img-2.png', 'img-10.png', 'img-11.png', 'img-20.png'],
    });
    expect(await names(train.id, { offset: 2, limit: 3 })).toEqual({ total: 6, names: ['img-2.png', 'img-10.png', 'img-11.png'] });
    expect(await names(train.id, { offset: 6, limit: 3 })).toEqual({ total: 6, names: [] });
  });

  it('sorts by date newest first, undated entries last', async () => {
    expect((await names(train.id, { sort: 'date' })).names).toEqual(['img-2.png', 'img-11.png', 'img-20.png', 'img-10.png', 'img-1.png', 'extra/img-3.png']);
  });

  it.each<[string, Partial<EntryQuery>, string[]]>([
    ['normal', { classification: 'normal' }, ['img-1.png', 'img-2.png']],
    ['anomaly', { classification: 'anomaly' }, ['img-10.png', 'img-11.png', 'img-20.png']],
    ['unlabeled', { classification: 'unlabeled' }, ['extra/img-3.png']],
    ['labeled', { classification: 'labeled' }, ['img-1.png', 'img-2.png', 'img-10.png', 'img-11.png', 'img-20.png']],
    ['with a mask', { hasMask: true }, ['img-10.png', 'img-11.png']],
    ['anomalous without a mask', { classification: 'anomaly', hasMask: false }, ['img-20.png']],
    ['named like “IMG-1”', { search: 'IMG-1' }, ['img-1.png', 'img-10.png', 'img-11.png']],
  ])('filters %s', async (_name, query, expected) => {
    expect(await names(train.id, query)).toEqual({ total: expected.length, names: expected });
  });

  it('filters by anomaly label within the dataset only', async () => {
    expect(await names(train.id, { labelId: labelId.dent })).toEqual({ total: 1, names: ['img-11.png'] });
    expect(await names(test.id, { labelId: labelId.dent })).toEqual({ total: 1, names: ['t-2.png'] });
    expect(await names(train.id, { labelId: labelId.scratch, sort: 'date' })).toEqual({ total: 2, names: ['img-11.png', 'img-10.png'] });
  });
});

describe('countEntriesByFilter', () => {
  it('counts every gallery filter, each label of the project included', async () => {
    expect(await countEntriesByFilter(db, train.id)).toEqual({
      all: 6,
      labeled: 5,
      unlabeled: 1,
      normal: 2,
      anomaly: 3,
      missingMask: 1,
      byLabel: { [labelId.scratch!]: 2, [labelId.dent!]: 1 },
    });
    expect((await countEntriesByFilter(db, test.id)).byLabel).toEqual({ [labelId.scratch!]: 0, [labelId.dent!]: 1 });
  });

  it('refuses a dataset that no longer exists', async () => {
    expect(await failureMessage(countEntriesByFilter(db, crypto.randomUUID()))).toBe('This dataset no longer exists. It may have been deleted in another tab.');
  });
});

describe('counts stay equal to the entries', () => {
  /** Deterministic pseudo-random numbers (mulberry32), so a failure replays exactly. */
  function randomSource(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('after a long random sequence of classify, clear, remove and import operations', async () => {
    const random = randomSource(20261121);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const project = (await db.get('datasets', train.id))!.projectId;
    for (let step = 0; step < 40; step += 1) {
      const entries = await db.getAll('entries');
      const selection = entries.filter(() => random() < 0.3).map((entry) => entry.id);
      const operation = pick(['classify', 'classifyClearing', 'remove', 'import'] as const);
      if (operation === 'classify') {
        await classifyEntries(db, selection, pick(['normal', 'anomaly', null] as const)).catch(() => undefined);
      } else if (operation === 'classifyClearing') {
        await classifyEntries(db, selection, pick(['normal', null] as const), { clearMasks: true });
      } else if (operation === 'remove') {
        await removeEntries(db, selection);
      } else {
        const datasetId = pick([train.id, test.id]);
        const ref = `step-${step}.png`;
        const item = random() < 0.5 ? maskedItem(ref, [pick(['scratch', 'dent'])]) : importItem(ref, { classification: pick(['normal', null] as const) });
        await commitImport(db, { projectId: project, datasetId, imageSize: sampleSize, newLabels: [], items: [item] });
      }
      expect(await storeInconsistencies(db), `after step ${step} (${operation})`).toEqual([]);
      for (const dataset of [train, test]) {
        const counts = await countEntriesByFilter(db, dataset.id);
        const stats = (await db.get('datasets', dataset.id))!.imageStats;
        expect([counts.all, counts.labeled, counts.normal, counts.anomaly]).toEqual([stats.Total, stats.Labeled, stats.Normal, stats.Anomaly]);
        expect((await queryEntries(db, dataset.id, { classification: 'unlabeled', sort: 'name', offset: 0, limit: 0 })).total).toBe(counts.unlabeled);
      }
    }
  });
});
