// commitImport on a real (in-memory) IndexedDB: adds, updates by source-ref, skips duplicate bytes,
// creates labels, sets the project size, enforces the §5 limits, and on any failure changes nothing.
import type { IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Dataset, Project } from '../../src/domain/types';
import { createDataset, listEntries } from '../../src/storage/datasets';
import { commitImport, knownContentHashes, type ImportCommitInput } from '../../src/storage/importCommit';
import { i18n } from '../../src/i18n';
import { writeNewProject } from '../../src/storage/importProject';
import { listAnomalyLabels } from '../../src/storage/labels';
import { createProject, getProject } from '../../src/storage/projects';
import type { SpotcheckDB } from '../../src/storage/schema';
import { importItem, maskedItem } from '../fixtures/importItems';
import { fakePng, sampleSize } from '../fixtures/sampleProject';
import { failureMessage, snapshotDatabase, storeInconsistencies, useFreshDatabase } from '../fixtures/storageTestKit';

let db: IDBPDatabase<SpotcheckDB>;
let project: Project;
let train: Dataset;
useFreshDatabase((opened) => (db = opened));

beforeEach(async () => {
  project = await createProject(db, 'parts');
  train = await createDataset(db, project.id, 'train');
});

function input(overrides: Partial<ImportCommitInput>): ImportCommitInput {
  return { projectId: project.id, datasetId: train.id, imageSize: sampleSize, newLabels: [], items: [], ...overrides };
}

async function bytesOf(blob: Blob | undefined): Promise<string> {
  return new TextDecoder().decode(await blob?.arrayBuffer());
}

/** The first commit of the tests below: two normal, one masked with two new labels, one unlabeled. */
function firstBatch(): ImportCommitInput {
  return input({
    newLabels: [
      { name: 'crack', color: '#23A436' },
      { name: 'chip', color: '#d62728' },
    ],
    items: [
      importItem('normal/1.png', { classification: 'normal', humanAnnotated: true, jobName: 'labeling-job/parts', thumbnail: fakePng('thumb-1') }),
      importItem('normal/2.png', { classification: 'normal', createdAt: '2022-08-22T20:52:51.851Z' }),
      maskedItem('anomaly/1.png', ['Crack', 'chip', 'crack'], { thumbnail: fakePng('thumb-a1') }),
      importItem('extra/1.png'),
    ],
  });
}

describe('commitImport', () => {
  it('fills a new dataset: entries, Blobs, labels, project size, counts, CREATE_COMPLETE', async () => {
    const sizeless = await createProject(db, 'sizeless');
    const dataset = await createDataset(db, sizeless.id, 'train');
    const report = await commitImport(db, { ...firstBatch(), projectId: sizeless.id, datasetId: dataset.id });

    expect(report).toEqual({
      dataset: { ...dataset, imageStats: { Total: 4, Labeled: 3, Normal: 2, Anomaly: 1 } },
      added: 4,
      updated: 0,
      unchanged: 0,
      skippedDuplicates: [],
      labelsCreated: [
        { id: expect.any(String), projectId: sizeless.id, name: 'crack', color: '#23a436', index: 1 },
        { id: expect.any(String), projectId: sizeless.id, name: 'chip', color: '#d62728', index: 2 },
      ],
    });
    expect(await db.get('datasets', dataset.id)).toEqual(report.dataset);
    expect((await getProject(db, sizeless.id)).imageSize).toEqual(sampleSize);

    const entries = await listEntries(db, dataset.id);
    expect(entries.map((entry) => entry.sourceRef)).toEqual(['anomaly/1.png', 'extra/1.png', 'normal/1.png', 'normal/2.png']);
    const [masked, , normal1, normal2] = entries;
    expect(masked).toMatchObject({
      classification: 'anomaly',
      anomalyLabelIds: report.labelsCreated.map((label) => label.id),
      contentHash: firstBatch().items[2]!.contentHash,
    });
    expect(normal1).toMatchObject({ humanAnnotated: true, jobName: 'labeling-job/parts', maskId: null, anomalyLabelIds: [] });
    expect(normal2?.createdAt).toBe('2022-08-22T20:52:51.851Z');
    expect(await bytesOf((await db.get('images', masked!.imageId))?.blob)).toBe('png:anomaly/1.png');
    expect(await bytesOf((await db.get('thumbnails', masked!.imageId))?.blob)).toBe('png:thumb-a1');
    expect(await bytesOf((await db.get('masks', masked!.maskId!))?.blob)).toBe('png:mask:anomaly/1.png');
    expect(await storeInconsistencies(db)).toEqual([]);
  });

  it('replaces a different picture at an existing source-ref when told to: class, mask, labels and image replaced, old Blobs deleted', async () => {
    await commitImport(db, firstBatch());
    const [previous] = (await listEntries(db, train.id)).filter((entry) => entry.sourceRef === 'anomaly/1.png');
    const report = await commitImport(
      db,
      input({
        items: [importItem('anomaly/1.png', { classification: 'normal', content: 'retaken', thumbnail: fakePng('thumb-new') })],
        samePath: 'replaceChanged',
      }),
    );
    expect(report).toMatchObject({ added: 0, updated: 1, skippedDuplicates: [], labelsCreated: [] });
    expect(report.dataset).toMatchObject({ status: 'UPDATE_COMPLETE', imageStats: { Total: 4, Labeled: 3, Normal: 3, Anomaly: 0 } });

    const updated = await db.get('entries', previous!.id);
    expect(updated).toMatchObject({ sourceRef: 'anomaly/1.png', classification: 'normal', maskId: null, anomalyLabelIds: [] });
    expect(await db.get('images', previous!.imageId)).toBeUndefined();
    expect(await db.get('thumbnails', previous!.imageId)).toBeUndefined();
    expect(await db.get('masks', previous!.maskId!)).toBeUndefined();
    expect(await bytesOf((await db.get('images', updated!.imageId))?.blob)).toBe('png:retaken');
    expect(await bytesOf((await db.get('thumbnails', updated!.imageId))?.blob)).toBe('png:thumb-new');
    expect(await storeInconsistencies(db)).toEqual([]);
  });

  it('skips images already in the dataset under another source-ref, or repeated in the batch, and reports them', async () => {
    await commitImport(db, firstBatch());
    const report = await commitImport(
      db,
      input({
        items: [
          importItem('copies/of-normal-1.png', { content: 'normal/1.png' }),
          importItem('new/a.png', { classification: 'normal' }),
          importItem('new/a-again.png', { content: 'new/a.png' }),
          // Same bytes under its own source-ref: unchanged, neither a duplicate nor an update.
          importItem('normal/2.png', { classification: 'anomaly' }),
        ],
      }),
    );
    expect(report).toMatchObject({
      added: 1,
      updated: 0,
      unchanged: 1,
      skippedDuplicates: [
        { sourceRef: 'copies/of-normal-1.png', duplicateOf: 'normal/1.png' },
        { sourceRef: 'new/a-again.png', duplicateOf: 'new/a.png' },
      ],
    });
    expect(report.dataset.imageStats).toEqual({ Total: 5, Labeled: 4, Normal: 3, Anomaly: 1 });
    expect(await storeInconsistencies(db)).toEqual([]);
  });

  it('writes nothing at all when every item is already stored with the same bytes at its source-ref', async () => {
    await commitImport(db, firstBatch());
    const before = await snapshotDatabase(db);
    const report = await commitImport(db, { ...firstBatch(), newLabels: [] });
    expect(report).toMatchObject({ added: 0, updated: 0, unchanged: 4, skippedDuplicates: [] });
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('tells the import pipeline which image hashes the dataset already holds', async () => {
    const batch = firstBatch();
    await commitImport(db, batch);
    const test = await createDataset(db, project.id, 'test');
    expect(await knownContentHashes(db, train.id)).toEqual(new Map(batch.items.map((item) => [item.contentHash, item.sourceRef])));
    expect(await knownContentHashes(db, test.id)).toEqual(new Map());
  });

  it('lets the same image into the other dataset of the project', async () => {
    await commitImport(db, firstBatch());
    const test = await createDataset(db, project.id, 'test');
    const report = await commitImport(db, input({ datasetId: test.id, items: [importItem('normal/1.png')] }));
    expect(report).toMatchObject({ added: 1, skippedDuplicates: [] });
  });

  it('uses labels the project already has, ignoring case, and does not recreate them', async () => {
    await commitImport(db, firstBatch());
    const report = await commitImport(db, input({ items: [maskedItem('anomaly/2.png', ['CHIP'])] }));
    const labels = await listAnomalyLabels(db, project.id);
    expect(labels.map((label) => label.name)).toEqual(['crack', 'chip']);
    const [entry] = (await listEntries(db, train.id)).filter((candidate) => candidate.sourceRef === 'anomaly/2.png');
    expect(entry?.anomalyLabelIds).toEqual([labels[1]!.id]);
    expect(report.labelsCreated).toEqual([]);
  });

  it('commits 2,000 entries in one transaction', async () => {
    const items = Array.from({ length: 2_000 }, (_, i) =>
      importItem(`bulk/${i}.png`, { classification: i % 2 ? 'anomaly' : 'normal', thumbnail: fakePng(`thumb-${i}`) }),
    );
    const report = await commitImport(db, input({ items }));
    expect(report).toMatchObject({ added: 2_000, dataset: { imageStats: { Total: 2_000, Labeled: 2_000, Normal: 1_000, Anomaly: 1_000 } } });
    expect(await db.count('images')).toBe(2_000);
    expect(await db.count('thumbnails')).toBe(2_000);
  });

  type Breakage = [string, () => Promise<ImportCommitInput>, string];
  it.each<Breakage>([
    [
      'an item of another size than the project',
      async () => input({ items: [importItem('big.png', { width: 128 })] }),
      'big.png is 128×64 but this project uses 64×64.',
    ],
    [
      'a batch prepared for a project without a size, whose size another tab set meanwhile (a stale size question)',
      async () => input({ imageSize: { width: 96, height: 64 }, items: [importItem('wide.png', { width: 96 })] }),
      'While these images were being checked, this project’s image size was set to 64×64 (in another tab?); they are 96×64. Nothing was imported; import them again to choose whether to resize or crop them.',
    ],
    [
      'a label the project does not have',
      async () => input({ items: [maskedItem('a.png', ['rust'])] }),
      'a.png in the training dataset uses anomaly label “rust”, which the project does not define.',
    ],
    [
      'a new label named like an existing one',
      async () => input({ newLabels: [{ name: 'Crack', color: '#123456' }] }),
      'There is already an anomaly label named “Crack” (names are compared ignoring case).',
    ],
    [
      'a new label with an existing colour',
      async () => input({ newLabels: [{ name: 'rust', color: '#23a436' }] }),
      'Anomaly label “rust” uses colour #23a436, which “crack” already has. Each label needs its own colour.',
    ],
    [
      'more than 100 labels in the project',
      async () => input({ newLabels: Array.from({ length: 99 }, (_, i) => ({ name: `l${i}`, color: `#${(i + 1).toString(16).padStart(6, '0')}` })) }),
      'A project can have at most 100 anomaly labels; this one would have 101.',
    ],
    [
      'a mask on a normal item',
      async () => input({ items: [maskedItem('a.png', ['crack'], { classification: 'normal' })] }),
      'a.png in the training dataset has a mask but is not labelled anomaly.',
    ],
    [
      'a different picture at a stored source-ref that the user was not asked about (stored meanwhile by another tab)',
      async () => input({ items: [importItem('new.png'), importItem('normal/1.png', { content: 'retaken' })] }),
      'normal/1.png was stored in this dataset as a different picture while the import ran (in another tab?). Nothing was imported; import again to choose whether to replace it.',
    ],
    [
      'a source-ref twice in the batch',
      async () => input({ items: [importItem('a.png'), importItem('a.png', { content: 'b' })] }),
      'a.png appears twice in the training dataset.',
    ],
    [
      'a dataset of another project',
      async () => {
        const other = await createProject(db, 'other');
        return input({ datasetId: (await createDataset(db, other.id, 'train')).id, items: [importItem('a.png')] });
      },
      'This dataset no longer exists. It may have been deleted in another tab.',
    ],
    [
      'a project that no longer exists',
      async () => input({ projectId: crypto.randomUUID() }),
      'This project no longer exists. It may have been deleted in another tab.',
    ],
    [
      'more than 800 images in a segmentation test dataset',
      async () => {
        const test = await createDataset(db, project.id, 'test');
        const items = Array.from({ length: 801 }, (_, i) => (i === 0 ? maskedItem('m.png', ['crack']) : importItem(`${i}.png`)));
        return input({ datasetId: test.id, items });
      },
      'This dataset would hold 801 images; the maximum is 800. Import fewer images.',
    ],
  ])('refuses %s and leaves the store, the dataset status and message exactly as before', async (_case, makeInput, message) => {
    await commitImport(db, firstBatch());
    const broken = await makeInput();
    const before = await snapshotDatabase(db);
    expect(await failureMessage(commitImport(db, broken))).toBe(message);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('changes nothing when a write fails after others were issued (an image that cannot be stored)', async () => {
    await commitImport(db, firstBatch());
    const unstorable = (() => 'not a blob') as unknown as Blob;
    const before = await snapshotDatabase(db);
    const message = await failureMessage(commitImport(db, input({ items: [importItem('a.png'), importItem('b.png', { image: unstorable })] })));
    expect(message).toMatch(/^The browser's storage failed \(DataCloneError: .+\)\. Nothing was changed; reload the page and try again\.$/);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('applies the classification maximums (test: 4,000) to a dataset without masks', async () => {
    const test = await createDataset(db, project.id, 'test');
    await commitImport(db, input({ datasetId: test.id, items: Array.from({ length: 3_999 }, (_, i) => importItem(`${i}.png`)) }));
    const before = await snapshotDatabase(db);
    const twoMore = [importItem('a.png'), importItem('b.png')];
    expect(await failureMessage(commitImport(db, input({ datasetId: test.id, items: twoMore })))).toBe(
      'This dataset would hold 4,001 images; the maximum is 4,000. Import fewer images.',
    );
    expect(await snapshotDatabase(db)).toEqual(before);
    // Updates do not add images: re-importing existing source-refs at the limit is allowed.
    await commitImport(db, input({ datasetId: test.id, items: [twoMore[0]!] }));
    const retaken = importItem('0.png', { classification: 'normal', content: 'retaken' });
    expect((await commitImport(db, input({ datasetId: test.id, items: [retaken], samePath: 'replaceChanged' }))).updated).toBe(1);
  });

  it('leaves a dataset’s earlier failure status as it was when an import fails', async () => {
    const failed: Dataset = { ...train, status: 'UPDATE_FAILED_ROLLBACK_COMPLETE', statusMessage: 'Earlier import failed.' };
    await db.put('datasets', failed);
    expect(await failureMessage(commitImport(db, input({ items: [importItem('big.png', { width: 128 })] })))).toBe(
      'big.png is 128×64 but this project uses 64×64.',
    );
    expect(await db.get('datasets', train.id)).toEqual(failed);
    // A later successful import clears it.
    const report = await commitImport(db, input({ items: [importItem('a.png')] }));
    expect(report.dataset).toMatchObject({ status: 'UPDATE_COMPLETE', statusMessage: '' });
  });
});

describe('content identity of pictures written as a new project (the demo)', () => {
  it('hashes them, so an exported copy with the opposite label is reported and not stored twice', async () => {
    const demo = await writeNewProject(db, {
      name: 'demo-like',
      imageSize: sampleSize,
      modelType: null,
      labels: [],
      datasets: [
        {
          type: 'train',
          entries: [{ sourceRef: 'anomaly/dent-005.png', image: fakePng('dent-005'), ...sampleSize, classification: 'anomaly', labelNames: [] }],
        },
      ],
    });
    const [dataset] = await db.getAllFromIndex('datasets', 'by-project', demo.id);
    const [stored] = await listEntries(db, dataset!.id);
    expect(stored!.contentHash).toBe(importItem('x', { content: 'dent-005' }).contentHash);

    const before = await snapshotDatabase(db);
    const report = await commitImport(db, {
      projectId: demo.id,
      datasetId: dataset!.id,
      imageSize: sampleSize,
      newLabels: [],
      items: [importItem('normal/normal-010.png', { content: 'dent-005', classification: 'normal' })],
    });
    expect(report).toMatchObject({
      added: 0,
      skippedDuplicates: [
        { sourceRef: 'normal/normal-010.png', duplicateOf: 'anomaly/dent-005.png', conflictingLabels: { stored: 'anomaly', skipped: 'normal' } },
      ],
    });
    expect(await snapshotDatabase(db)).toEqual(before);
    expect(
      i18n.t('importPanel.duplicateConflict', { file: 'normal/normal-010.png', holder: 'anomaly/dent-005.png', stored: 'Anomaly', skipped: 'Normal' }),
    ).toBe(
      'normal/normal-010.png is the same picture as anomaly/dent-005.png, which is labelled Anomaly; it was not added again as Normal. If Anomaly is wrong, correct the label of anomaly/dent-005.png.',
    );
  });
});
