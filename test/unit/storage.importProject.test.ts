// writeNewProject on a real (in-memory) IndexedDB: a complete project with correct counts, label
// indices and readable Blobs; and every validation rule, each refusing before anything is written.
import { createHash } from 'node:crypto';
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { computeImageStats, listDatasets, listEntries } from '../../src/storage/datasets';
import { writeNewProject } from '../../src/storage/importProject';
import type { NewProjectInput } from '../../src/storage/newProject';
import { listAnomalyLabels } from '../../src/storage/labels';
import { createProject, getProject } from '../../src/storage/projects';
import type { SpotcheckDB } from '../../src/storage/schema';
import { sampleProjectInput, sampleSize } from '../fixtures/sampleProject';
import { failureMessage, snapshotDatabase, useFreshDatabase } from '../fixtures/storageTestKit';

let db: IDBPDatabase<SpotcheckDB>;
useFreshDatabase((opened) => (db = opened));

async function bytesOf(blob: Blob | undefined): Promise<string> {
  return new TextDecoder().decode(await blob?.arrayBuffer());
}

describe('computeImageStats', () => {
  it('counts normal and anomaly as labeled, unlabeled only in the total', () => {
    expect(computeImageStats([{ classification: 'normal' }, { classification: 'anomaly' }, { classification: 'anomaly' }, { classification: null }])).toEqual({
      Total: 4,
      Labeled: 3,
      Normal: 1,
      Anomaly: 2,
    });
    expect(computeImageStats([])).toEqual({ Total: 0, Labeled: 0, Normal: 0, Anomaly: 0 });
  });
});

describe('writeNewProject', () => {
  it('stores the project, datasets with ImageStats, indexed labels, entries and readable Blobs', async () => {
    const input = sampleProjectInput('demo-flange');
    const project = await writeNewProject(db, input);

    expect(await getProject(db, project.id)).toEqual({
      id: project.id,
      name: 'demo-flange',
      createdAt: expect.stringMatching(/Z$/),
      imageSize: sampleSize,
      modelType: 'segmentation',
    });

    const labels = await listAnomalyLabels(db, project.id);
    expect(labels.map(({ name, color, index }) => ({ name, color, index }))).toEqual([
      { name: 'scratch', color: '#2ca02c', index: 1 },
      { name: 'dent', color: '#1f77b4', index: 2 },
    ]);
    const labelId = Object.fromEntries(labels.map((label) => [label.name, label.id]));

    const datasets = await listDatasets(db, project.id);
    expect(datasets.map(({ type, status, imageStats }) => ({ type, status, imageStats }))).toEqual([
      { type: 'train', status: 'CREATE_COMPLETE', imageStats: { Total: 4, Labeled: 3, Normal: 2, Anomaly: 1 } },
      { type: 'test', status: 'CREATE_COMPLETE', imageStats: { Total: 2, Labeled: 2, Normal: 1, Anomaly: 1 } },
    ]);

    const [train, test] = datasets;
    const trainEntries = await listEntries(db, train!.id);
    expect(trainEntries.map((entry) => entry.sourceRef)).toEqual(['anomaly/3.png', 'extra/4.png', 'normal/1.png', 'normal/2.png']);
    const masked = trainEntries[0]!;
    expect(masked).toMatchObject({
      projectId: project.id,
      datasetId: train!.id,
      classification: 'anomaly',
      humanAnnotated: false,
      jobName: '',
      anomalyLabelIds: [labelId.scratch],
      width: 64,
      height: 64,
    });
    expect(trainEntries[3]).toMatchObject({ humanAnnotated: true, jobName: 'labeling-job/parts', maskId: null, anomalyLabelIds: [] });
    const testEntries = await listEntries(db, test!.id);
    expect(testEntries[0]?.anomalyLabelIds).toEqual([labelId.dent, labelId.scratch]);

    // Blobs come back byte for byte, thumbnails under their image's id.
    expect(await bytesOf((await db.get('images', masked.imageId))?.blob)).toBe('png:demo-flange/anomaly/3.png');
    expect(await bytesOf((await db.get('thumbnails', masked.imageId))?.blob)).toBe('png:demo-flange/thumb-3');
    expect(await bytesOf((await db.get('masks', masked.maskId!))?.blob)).toBe('png:demo-flange/mask-3');
    expect((await db.get('images', masked.imageId))?.blob.type).toBe('image/png');

    expect(await db.count('images')).toBe(6);
    expect(await db.count('thumbnails')).toBe(2);
    expect(await db.count('masks')).toBe(2);
    expect(await db.count('entries')).toBe(6);
  });

  it('keeps a second project apart from the first', async () => {
    const first = await writeNewProject(db, sampleProjectInput('first'));
    const second = await writeNewProject(db, sampleProjectInput('second'));
    expect(await db.countFromIndex('entries', 'by-project', first.id)).toBe(6);
    expect(await db.countFromIndex('entries', 'by-project', second.id)).toBe(6);
    expect(await db.countFromIndex('anomalyLabels', 'by-project', second.id)).toBe(2);
  });

  it('stores the content hash given, and hashes the bytes of entries given none, so later imports can skip the same image', async () => {
    const input = sampleProjectInput('hashed');
    const hash = 'ab'.repeat(32);
    input.datasets[0]!.entries[0]!.contentHash = hash;
    const project = await writeNewProject(db, input);
    const [train] = await listDatasets(db, project.id);
    const entries = await listEntries(db, train!.id);
    const computed = (sourceRef: string) => createHash('sha256').update(`png:hashed/${sourceRef}`).digest('hex');
    const given = input.datasets[0]!.entries[0]!.sourceRef;
    expect(entries).toHaveLength(4);
    for (const entry of entries) expect(entry.contentHash).toBe(entry.sourceRef === given ? hash : computed(entry.sourceRef));
    expect(await db.countFromIndex('entries', 'by-dataset-hash', [train!.id, hash])).toBe(1);
  });

  type Breakage = (input: NewProjectInput) => void;
  const train = (input: NewProjectInput) => input.datasets[0]!.entries;

  it.each<[string, Breakage, string]>([
    [
      'an invalid project name',
      (input) => (input.name = 'demo flange'),
      '“demo flange” is not a valid project name. Use up to 255 letters, digits, hyphens or underscores, starting with a letter or digit.',
    ],
    ['two datasets of one type', (input) => (input.datasets[1]!.type = 'train'), 'A project can have only one training dataset.'],
    [
      'more than 100 labels',
      (input) => (input.labels = Array.from({ length: 101 }, (_, i) => ({ name: `l${i}`, color: `#${(i + 1).toString(16).padStart(6, '0')}` }))),
      'A project can have at most 100 anomaly labels; this one would have 101.',
    ],
    [
      'label names equal ignoring case',
      (input) => input.labels.push({ name: 'SCRATCH', color: '#123456' }),
      'There is already an anomaly label named “SCRATCH” (names are compared ignoring case).',
    ],
    [
      'a colour used twice',
      (input) => input.labels.push({ name: 'crack', color: '#2ca02c' }),
      'Anomaly label “crack” uses colour #2ca02c, which “scratch” already has. Each label needs its own colour.',
    ],
    ['a malformed colour', (input) => input.labels.push({ name: 'crack', color: 'green' }), 'Anomaly label “crack” has colour “green”; use the form #rrggbb.'],
    [
      'a label posing as the background',
      (input) => input.labels.push({ name: 'crack', color: '#FFFFFF' }),
      'Anomaly label “crack” (#ffffff) would look like the background: the name background and the colour #ffffff are reserved.',
    ],
    [
      'an entry using an undefined label',
      (input) => (train(input)[2]!.labelNames = ['rust']),
      'anomaly/3.png in the training dataset uses anomaly label “rust”, which the project does not define.',
    ],
    [
      'a project size no image can have (100000×1)',
      (input) => {
        input.imageSize = { width: 100_000, height: 1 };
        for (const dataset of input.datasets) for (const entry of dataset.entries) Object.assign(entry, input.imageSize);
      },
      'The project size would be 100000×1, but every image must be between 64×64 and 4096×4096 pixels, so no image could ever be added. Nothing was imported; use images within those limits.',
    ],
    [
      'a project size below the 64 px minimum (10×10)',
      (input) => {
        input.imageSize = { width: 10, height: 10 };
        for (const dataset of input.datasets) for (const entry of dataset.entries) Object.assign(entry, input.imageSize);
      },
      'The project size would be 10×10, but every image must be between 64×64 and 4096×4096 pixels, so no image could ever be added. Nothing was imported; use images within those limits.',
    ],
    ['an entry of another size', (input) => (train(input)[3]!.width = 65), 'extra/4.png is 65×64 but this project uses 64×64.'],
    ['a source-ref used twice in a dataset', (input) => (train(input)[1]!.sourceRef = 'normal/1.png'), 'normal/1.png appears twice in the training dataset.'],
    [
      'a mask on a normal entry',
      (input) => (train(input)[2]!.classification = 'normal'),
      'anomaly/3.png in the training dataset has a mask but is not labelled anomaly.',
    ],
    ['a mask without labels', (input) => (train(input)[2]!.labelNames = []), 'anomaly/3.png in the training dataset has a mask but no anomaly labels.'],
    ['labels without a mask', (input) => delete train(input)[2]!.mask, 'anomaly/3.png in the training dataset has anomaly labels but no mask.'],
    [
      'more than 20 labels on one image',
      (input) => {
        input.labels = Array.from({ length: 21 }, (_, i) => ({ name: `l${i}`, color: `#${(i + 1).toString(16).padStart(6, '0')}` }));
        train(input)[2]!.labelNames = input.labels.map((label) => label.name);
      },
      'anomaly/3.png in the training dataset has more than 20 anomaly labels. An image can carry at most 20 anomaly labels.',
    ],
  ])('refuses %s, naming it, and writes nothing', async (_case, breakInput, message) => {
    await createProject(db, 'existing');
    const before = await snapshotDatabase(db);
    const input = sampleProjectInput('new-project');
    breakInput(input);
    expect(await failureMessage(writeNewProject(db, input))).toBe(message);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('refuses a name already in use and writes nothing', async () => {
    await writeNewProject(db, sampleProjectInput('parts'));
    const before = await snapshotDatabase(db);
    expect(await failureMessage(writeNewProject(db, sampleProjectInput('parts')))).toBe(
      'A project named “parts” already exists on this device. Choose another name.',
    );
    expect(await snapshotDatabase(db)).toEqual(before);
  });
});
