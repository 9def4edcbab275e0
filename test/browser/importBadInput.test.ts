// Every kind of bad import input, through the real pipeline (import worker + IndexedDB) in
// Chromium: the user reads a message naming the file or line and the fix, and the stored data
// is exactly as before.
import { zipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeRgbaPng } from '../../src/domain/png';
import { issueToError } from '../../src/domain/rules/issues';
import type { Project } from '../../src/domain/types';
import { prepareDatasetImport, commitPreparedImport, type ImportOutcome } from '../../src/runtime/datasetImport';
import type { SourceFile } from '../../src/app/fileSources';
import { describeError } from '../../src/i18n';
import { createDataset } from '../../src/storage/datasets';
import { openSpotcheckDb } from '../../src/storage/db';
import { addAnomalyLabel } from '../../src/storage/labels';
import { createProject } from '../../src/storage/projects';
import { importProjectZip } from '../../src/projects/importProjectZip';
import { importWorker } from '../../src/app/workers';
import { declareUncompressedSize } from '../fixtures/forgedZip';
import { snapshotDatabase } from '../fixtures/storageTestKit';

const size = { width: 96, height: 64 };

function pngBytes(width: number, height: number, seed = 0): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 31 + seed * 97) % 251;
  return encodeRgbaPng(rgba, width, height);
}

async function jpegBytes(width: number, height: number): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#8a6';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#246';
  context.fillRect(10, 10, width / 2, height / 2);
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
}

function maskBytes(width: number, height: number, colours: [number, number, number][]): Uint8Array {
  const rgba = new Uint8Array(width * height * 4).fill(255);
  colours.forEach((rgb, i) => rgba.set([...rgb, 255], i * 4));
  return encodeRgbaPng(rgba, width, height);
}

const file = (path: string, bytes: Uint8Array | string): SourceFile => ({ path, file: new File([bytes as BlobPart], path.split('/').at(-1)!) });

function line(sourceRef: string, className = 'normal', extra: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}) {
  return JSON.stringify({
    'source-ref': sourceRef,
    'anomaly-label': 1,
    'anomaly-label-metadata': { 'class-name': className, 'human-annotated': 'yes', type: 'groundtruth/image-classification', ...metadata },
    ...extra,
  });
}

function maskKeys(ref: string, colorMap: Record<string, { 'class-name': string; 'hex-color': string }>) {
  return {
    'anomaly-mask-ref': ref,
    'anomaly-mask-ref-metadata': { 'internal-color-map': colorMap, 'human-annotated': 'yes', type: 'groundtruth/semantic-segmentation' },
  };
}

const hex = (rgb: [number, number, number]) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
const manyColours = Array.from({ length: 21 }, (_, i): [number, number, number] => [10 + i * 10, 20, 30]);

let project: Project;
let datasetId: string;

beforeEach(async () => {
  const db = await openSpotcheckDb();
  project = await createProject(db, `bad-input-${crypto.randomUUID().slice(0, 8)}`);
  datasetId = (await createDataset(db, project.id, 'train')).id;
});

async function importAndDescribe(sources: SourceFile[]): Promise<{ outcome: ImportOutcome | null; text: string }> {
  const request = { projectId: project.id, datasetId, sources, signal: new AbortController().signal, onProgress: () => {} };
  try {
    let outcome = await prepareDatasetImport(request);
    if (outcome.status === 'needsFitDecision') outcome = await commitPreparedImport(request, outcome.prepared);
    const issues = outcome.status === 'failed' ? outcome.errors : [];
    return { outcome, text: issues.map((issue) => describeError(issueToError(issue))).join('\n') };
  } catch (error) {
    return { outcome: null, text: describeError(error) };
  }
}

async function expectRefused(sources: SourceFile[], ...expectedTexts: string[]) {
  const db = await openSpotcheckDb();
  const before = await snapshotDatabase(db);
  const { outcome, text } = await importAndDescribe(sources);
  expect(outcome?.status ?? 'thrown').not.toBe('imported');
  for (const expected of expectedTexts) expect(text).toContain(expected);
  expect(await snapshotDatabase(db)).toEqual(before);
}

describe('bad image files', () => {
  it.each([
    ['a text file named .png', () => file('normal/notes.png', 'just text'), 'normal/notes.png is not a PNG or JPEG image.'],
    ['an empty file', () => file('normal/empty.png', new Uint8Array(0)), 'normal/empty.png is empty (0 bytes)'],
    ['a truncated PNG', () => file('normal/cut.png', pngBytes(96, 64).slice(0, 120)), 'normal/cut.png could not be decoded'],
    ['an image below 64×64', () => file('normal/tiny.png', pngBytes(40, 40)), 'normal/tiny.png is 40×40; images must be at least 64×64.'],
    ['an image above 4096 px', () => file('normal/wide.png', pngBytes(4100, 64)), 'normal/wide.png is 4100×64; the maximum is 4096×4096.'],
    [
      'a file over 8 MB',
      () => {
        const png = pngBytes(96, 64);
        const padded = new Uint8Array(png.length + 9 * 1024 * 1024);
        padded.set(png);
        return file('normal/huge.png', padded);
      },
      'normal/huge.png is 9.0 MB; the limit is 8 MB.',
    ],
  ])('%s', async (_case, makeFile, message) => {
    await expectRefused([makeFile()], 'Nothing could be imported', message);
  });

  it('a truncated JPEG', async () => {
    const jpeg = await jpegBytes(96, 64);
    await expectRefused([file('normal/cut.jpg', jpeg.slice(0, Math.floor(jpeg.length / 2)))], 'normal/cut.jpg could not be decoded');
  });

  it('an image of another size than the project, left out', async () => {
    const first = await importAndDescribe([file('normal/first.png', pngBytes(96, 64))]);
    expect(first.outcome?.status).toBe('imported');
    await expectRefused(
      [file('normal/other.png', pngBytes(128, 64))],
      'Nothing was imported: the usable images are of another size',
      'normal/other.png is 128×64 but this project uses 96×64.',
    );
  });

  it('a size question gone stale: another tab set the project size while this import was checked', async () => {
    const otherTab = await importWorker.run((api) =>
      api.prepareImport({
        files: [{ path: 'normal/wide.png', blob: new Blob([pngBytes(128, 64) as Uint8Array<ArrayBuffer>]) }],
        projectSize: null,
        existingLabels: [],
      }),
    );
    expect((await importAndDescribe([file('normal/first.png', pngBytes(96, 64))])).outcome?.status).toBe('imported');
    const db = await openSpotcheckDb();
    const before = await snapshotDatabase(db);
    const request = { projectId: project.id, datasetId, signal: new AbortController().signal, onProgress: () => {} };
    const text = await commitPreparedImport(request, otherTab).then((outcome) => outcome.status, describeError);
    expect(text).toBe(
      'While these images were being checked, this project’s image size was set to 96×64 (in another tab?); they are 128×64. Nothing was imported; import them again to choose whether to resize or crop them.',
    );
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('a zip with an entry outside its root', async () => {
    const zip = zipSync({ 'normal/1.png': pngBytes(96, 64), '../evil.png': pngBytes(96, 64) });
    await expectRefused([file('upload.zip', zip)], 'The zip entry ../evil.png points outside the zip');
  });
});

describe('files left out by the user ("Leave them out")', () => {
  const leftOutMessages = [
    'normal/notes.png is not a PNG or JPEG image.',
    'normal/tiny.png is 32×32; images must be at least 64×64.',
    'normal/other.png is 128×128 but this project uses 96×64. Crop or resize it to 96×64.',
  ];
  const choices = () => [file('normal/notes.png', 'just text'), file('normal/tiny.png', pngBytes(32, 32)), file('normal/other.png', pngBytes(128, 128))];

  it('names every file and why when nothing is left to import, without calling the usable image unusable', async () => {
    await importAndDescribe([file('normal/first.png', pngBytes(96, 64))]);
    const db = await openSpotcheckDb();
    const before = await snapshotDatabase(db);
    const { outcome, text } = await importAndDescribe(choices());
    expect(outcome?.status).toBe('failed');
    expect(text).not.toContain('none of the chosen files is a usable image');
    expect(text).toContain('Nothing was imported: the usable images are of another size than the project and were left out, as chosen.');
    for (const expected of leftOutMessages) expect(text).toContain(expected);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('names every file left out next to what was imported', async () => {
    await importAndDescribe([file('normal/first.png', pngBytes(96, 64))]);
    const { outcome } = await importAndDescribe([...choices(), file('normal/second.png', pngBytes(96, 64, 2))]);
    if (outcome?.status !== 'imported') throw new Error(`expected an import, got ${outcome?.status}`);
    expect(outcome.report.added).toBe(1);
    const listed = outcome.leftOut.map((issue) => describeError(issueToError(issue)));
    expect(listed).toHaveLength(3);
    leftOutMessages.forEach((expected, index) => expect(listed[index]).toContain(expected));
  });
});

describe('bad zips', () => {
  it.each([
    ['a text file named .zip', () => file('photos.zip', 'these are not the photos'), 'photos.zip is not a zip archive, or it is truncated'],
    ['a truncated zip', () => file('cut.zip', zipSync({ 'normal/1.png': pngBytes(96, 64) }).slice(0, 200)), 'cut.zip is not a zip archive, or it is truncated'],
    [
      'a zip bomb (an image entry declaring 3 GB)',
      () => file('bomb.zip', declareUncompressedSize(zipSync({ 'normal/bomb.png': new Uint8Array(4096) }), 3 * 1024 ** 3)),
      'bomb.zip: the entry normal/bomb.png would unpack to 3072 MB; an image may be at most 8 MB.',
    ],
    [
      'an entry that unpacks to more than it declares',
      () => file('liar.zip', declareUncompressedSize(zipSync({ 'normal/liar.png': new Uint8Array(1_000_000) }), 1000)),
      'liar.zip: the entry normal/liar.png unpacks to more than the 1000 bytes it declares',
    ],
  ])('%s', async (_case, makeFile, message) => {
    await expectRefused([makeFile()], message);
  });

  it('a zip of 10,000 entries is read (not "Maximum call stack size exceeded")', async () => {
    const entries = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`notes/${i}.txt`, new Uint8Array([i % 251])]));
    await expectRefused([file('many.zip', zipSync(entries))], 'Nothing could be imported', 'notes/9999.txt is not a PNG or JPEG image.');
  });
});

describe('bad manifests', () => {
  const image = (path: string, seed = 1) => file(path, pngBytes(size.width, size.height, seed));

  it.each([
    ['a line that is not JSON', () => [line('a.png'), 'not json'].join('\n'), 'line 2'],
    ['a missing required key', () => line('a.png', 'normal', {}, { type: undefined }), 'line 1'],
    ['a value of the wrong type', () => line('a.png', 'normal', {}, { 'human-annotated': 5 }), 'line 1'],
    ['a reference to a missing file', () => line('missing.png'), 'missing.png'],
    ['an ambiguous reference', () => line('dup.png'), 'dup.png'],
    ['a name with HTML, shown literally', () => line('<b>bold</b>.png'), '<b>bold</b>.png'],
  ])('%s', async (_case, manifest, message) => {
    await expectRefused([file('train.manifest', manifest()), image('a.png'), image('x/dup.png', 2), image('y/dup.png', 3)], 'train.manifest', message);
  });

  it('a mask that is a JPEG renamed .png', async () => {
    const manifest = line('b.png', 'anomaly', maskKeys('b-mask.png', { '1': { 'class-name': 'crack', 'hex-color': '#ff0000' } }));
    await expectRefused([file('train.manifest', manifest), image('b.png'), file('b-mask.png', await jpegBytes(96, 64))], 'b-mask.png is a JPEG');
  });

  it('a mask colour that is not in the colour map', async () => {
    const manifest = line('b.png', 'anomaly', maskKeys('b-mask.png', { '1': { 'class-name': 'crack', 'hex-color': '#ff0000' } }));
    await expectRefused(
      [file('train.manifest', manifest), image('b.png'), file('b-mask.png', maskBytes(96, 64, [[0, 0, 255]]))],
      'colour #0000ff',
      'is not in the colour map',
    );
  });

  it('a mask with more than 20 labels', async () => {
    const colorMap = Object.fromEntries(manyColours.map((rgb, i) => [String(i + 1), { 'class-name': `label-${i}`, 'hex-color': hex(rgb) }]));
    const manifest = line('b.png', 'anomaly', maskKeys('b-mask.png', colorMap));
    await expectRefused([file('train.manifest', manifest), image('b.png'), file('b-mask.png', maskBytes(96, 64, manyColours))], 'at most 20 anomaly labels');
  });

  it('a mask that would make more than 100 labels in the project', async () => {
    const db = await openSpotcheckDb();
    for (let i = 0; i < 100; i++) await addAnomalyLabel(db, project.id, `existing-${i}`);
    const manifest = line('b.png', 'anomaly', maskKeys('b-mask.png', { '1': { 'class-name': 'one-too-many', 'hex-color': '#ff0000' } }));
    await expectRefused(
      [file('train.manifest', manifest), image('b.png'), file('b-mask.png', maskBytes(96, 64, [[255, 0, 0]]))],
      'Line 1, b-mask.png: the new label “one-too-many” would give this project 101 anomaly labels (it has 100, and this import adds 1); the maximum is 100.',
    );
  });

  it.each([
    [
      'a label name of 300 characters',
      'd'.repeat(300),
      `Line 1, b-mask.png: the label name “${'d'.repeat(24)}…” in the colour map is 300 characters long; a label name may have at most 64.`,
    ],
    [
      'a label name with a zero-width space',
      'dent\u200B',
      'Line 1, b-mask.png: the label name “dent” in the colour map contains invisible or text-direction characters (U+200B)',
    ],
    [
      'a label name with a right-to-left override',
      '\u202Etned',
      'Line 1, b-mask.png: the label name “tned” in the colour map contains invisible or text-direction characters (U+202E)',
    ],
  ])('a mask whose colour map has %s', async (_case, name, message) => {
    const manifest = line('b.png', 'anomaly', maskKeys('b-mask.png', { '1': { 'class-name': name, 'hex-color': '#ff0000' } }));
    await expectRefused([file('train.manifest', manifest), image('b.png'), file('b-mask.png', maskBytes(96, 64, [[255, 0, 0]]))], message);
  });
});

describe('bad CSV label files', () => {
  it('duplicates and invalid classes import nothing and offer the error files', async () => {
    const csv = 'a.png,normal\nb.png,broken\na.png,anomaly\n';
    const db = await openSpotcheckDb();
    const before = await snapshotDatabase(db);
    const { outcome, text } = await importAndDescribe([file('labels.csv', csv), file('a.png', pngBytes(96, 64)), file('b.png', pngBytes(96, 64, 2))]);
    expect(outcome?.status).toBe('failed');
    expect(text).toContain('labels_errors.csv');
    if (outcome?.status !== 'failed') return;
    expect(outcome.csvReport?.errorsCsv).toContain('2,b.png,broken,INVALID_CLASSIFICATION');
    expect(outcome.csvReport?.errorsCsv).toContain('3,a.png,anomaly,DUPLICATE');
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('a CSV naming a missing image points at the CSV file and line', async () => {
    await expectRefused(
      [file('labels.csv', 'a.png,normal\n\nmissing.png,anomaly\n'), file('a.png', pngBytes(96, 64))],
      'labels.csv, line 3: missing.png was not found among the imported files.',
    );
  });

  it('formula cells come back escaped in the error files', async () => {
    const csv = 'a.png,normal\n=HYPERLINK("x").png,=1+1\n';
    const db = await openSpotcheckDb();
    const before = await snapshotDatabase(db);
    const { outcome } = await importAndDescribe([file('labels.csv', csv), file('a.png', pngBytes(96, 64))]);
    if (outcome?.status !== 'failed') throw new Error(`expected a refused import, got ${outcome?.status}`);
    expect(outcome.csvReport?.errorsCsv).toContain(`"'=HYPERLINK(""x"").png","'=1+1",INVALID_CLASSIFICATION`);
    expect(await snapshotDatabase(db)).toEqual(before);
  });
});

describe('bad project zips (dataset exports imported as a new project)', () => {
  const exportLine = (image: string, className: string, mask?: string) =>
    line(
      image,
      className,
      mask ? maskKeys(mask, { '0': { 'class-name': 'BACKGROUND', 'hex-color': '#ffffff' }, '1': { 'class-name': 'dent', 'hex-color': '#ff0000' } }) : {},
    );

  async function expectZipRefused(files: Record<string, Uint8Array | string>, ...expectedTexts: string[]) {
    const zip = zipSync(
      Object.fromEntries(Object.entries(files).map(([path, bytes]) => [path, typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes])),
    );
    const db = await openSpotcheckDb();
    const before = await snapshotDatabase(db);
    const text = await importProjectZip(
      new File([zip as Uint8Array<ArrayBuffer>], 'export.zip'),
      `zip-${crypto.randomUUID().slice(0, 8)}`,
      new AbortController().signal,
    ).then(
      (created) => `created ${created.project.name}`,
      (error: unknown) => describeError(error),
    );
    for (const expected of expectedTexts) expect(text).toContain(expected);
    expect(await snapshotDatabase(db)).toEqual(before);
  }

  it('a mask the import drops is reported, not swallowed', async () => {
    const zip = zipSync({
      'datasets/train.manifest': new TextEncoder().encode(exportLine('train/images/normal/ok.png', 'normal', 'train/masks/ok.png')),
      'train/images/normal/ok.png': pngBytes(96, 64),
      'train/masks/ok.png': maskBytes(96, 64, [[255, 0, 0]]),
    });
    const imported = await importProjectZip(
      new File([zip as Uint8Array<ArrayBuffer>], 'export.zip'),
      `zip-${crypto.randomUUID().slice(0, 8)}`,
      new AbortController().signal,
    );
    expect(imported.warnings.map((issue) => describeError(issueToError(issue)))).toEqual([
      'datasets/train.manifest, line 1: image train/images/normal/ok.png is labelled normal but has a mask; the mask train/masks/ok.png is ignored.',
    ]);
  });

  it('a missing image never resolves to its own mask file', async () => {
    await expectZipRefused(
      {
        'datasets/train.manifest': [
          exportLine('train/images/anomaly/dent-001.png', 'anomaly', 'train/masks/dent-001.png'),
          exportLine('train/images/normal/ok.png', 'normal'),
        ].join('\n'),
        'train/masks/dent-001.png': maskBytes(96, 64, [[255, 0, 0]]),
        'train/images/normal/ok.png': pngBytes(96, 64),
      },
      'datasets/train.manifest, line 1: train/images/anomaly/dent-001.png was not found among the imported files.',
    );
  });
});
