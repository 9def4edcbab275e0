// Import preparation in the import worker, in real Chromium: decoding by content, the §5 checks,
// folder labels, thumbnails, content hashes, the resize/crop offer, and manifest + mask imports.
import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/i18n';
import { decodeLabelMaskPng, encodeRgbaPng } from '../../src/domain/png';
import { issueToError, type ValidationIssue } from '../../src/domain/rules/issues';
import { renderSyntheticSample } from '../../src/syntheticImages';
import { createWorkerBridge, proxy } from '../../workers/bridge';
import type { ImportWorkerApi } from '../../workers/import.worker';
import { thumbnailMaxSidePx } from '../../workers/import/inspectImage';
import type { PrepareImportInput } from '../../workers/import/prepareImport';

const importWorker = createWorkerBridge<ImportWorkerApi>(() => new Worker(new URL('../../workers/import.worker.ts', import.meta.url), { type: 'module' }));

function pngBlob(width: number, height: number, seed = 1): Blob {
  const sample = renderSyntheticSample({ seed, width, height, defects: [] });
  return new Blob([encodeRgbaPng(sample.rgba, width, height) as Uint8Array<ArrayBuffer>], { type: 'image/png' });
}

/** A flat grey PNG of any size, also below the generator's 64 px minimum. */
function flatPngBlob(width: number, height: number): Blob {
  const grey = new Uint8Array(width * height * 4).fill(128);
  return new Blob([encodeRgbaPng(grey, width, height) as Uint8Array<ArrayBuffer>], { type: 'image/png' });
}

const messages = (issues: ValidationIssue[]) => issues.map((issue) => describeError(issueToError(issue)));

function prepare(input: Partial<PrepareImportInput> & Pick<PrepareImportInput, 'files'>) {
  return importWorker.run((api) => api.prepareImport({ projectSize: null, existingLabels: [], ...input }));
}

async function imageSize(blob: Blob) {
  const bitmap = await createImageBitmap(blob);
  return [bitmap.width, bitmap.height];
}

describe('import worker: folders', () => {
  it('labels images by their first-level folder, hashes them and makes small thumbnails', async () => {
    const progress: number[] = [];
    const prepared = await importWorker.run((api) =>
      api.prepareImport(
        {
          files: [
            { path: 'normal/1.png', blob: pngBlob(320, 240, 1) },
            { path: 'anomaly/1.png', blob: pngBlob(320, 240, 2) },
            { path: 'extra/x.png', blob: pngBlob(320, 240, 3) },
          ],
          projectSize: null,
          existingLabels: [],
        },
        proxy((done: number) => {
          progress.push(done);
        }),
      ),
    );
    expect(prepared.kind).toBe('folder');
    expect(prepared.items.map((item) => [item.sourceRef, item.classification])).toEqual([
      ['normal/1.png', 'normal'],
      ['anomaly/1.png', 'anomaly'],
      ['extra/x.png', null],
    ]);
    expect(prepared.imageSize).toEqual({ width: 320, height: 240 });
    expect(prepared.items[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(prepared.items[0]!.contentHash).not.toBe(prepared.items[1]!.contentHash);
    expect(Math.max(...(await imageSize(prepared.items[0]!.thumbnail!)))).toBe(thumbnailMaxSidePx);
    expect(progress.at(-1)).toBe(3);
  });

  it('leaves out what is not a decodable PNG or JPEG, naming each file, and imports the rest', async () => {
    const png = new Uint8Array(await pngBlob(128, 128).arrayBuffer());
    const prepared = await prepare({
      files: [
        { path: 'normal/good.png', blob: pngBlob(128, 128) },
        { path: 'normal/notes.png', blob: new Blob(['just some text, not an image']) },
        { path: 'normal/truncated.png', blob: new Blob([png.slice(0, 200)]) },
        { path: 'normal/empty.jpg', blob: new Blob([]) },
        { path: 'normal/tiny.png', blob: flatPngBlob(40, 40) },
      ],
    });
    expect(prepared.items.map((item) => item.sourceRef)).toEqual(['normal/good.png']);
    const [notImage, truncated, empty, tiny] = messages(prepared.skipped);
    expect(notImage).toContain('normal/notes.png is not a PNG or JPEG image.');
    expect(truncated).toContain('normal/truncated.png could not be decoded');
    expect(empty).toContain('normal/empty.jpg is empty (0 bytes)');
    expect(tiny).toBe('normal/tiny.png is 40×40; images must be at least 64×64. Use a larger image.');
  });

  it('lists images of another size for a decision, then resizes or crops them when asked', async () => {
    const files = [{ path: 'normal/big.png', blob: pngBlob(320, 320) }];
    const projectSize = { width: 160, height: 120 };
    const undecided = await prepare({ files, projectSize });
    expect(undecided.items).toEqual([]);
    expect(messages(undecided.sizeMismatches)).toEqual(['normal/big.png is 320×320 but this project uses 160×120. Crop or resize it to 160×120.']);
    for (const fitMode of ['resize', 'crop'] as const) {
      const fitted = await prepare({ files, projectSize, fitMode });
      expect(fitted.fitted, fitMode).toEqual(['normal/big.png']);
      expect(await imageSize(fitted.items[0]!.image)).toEqual([160, 120]);
    }
  });
});

describe('import worker: manifests', () => {
  const line = (sourceRef: string, className: string, mask?: string) =>
    JSON.stringify({
      'source-ref': sourceRef,
      'anomaly-label': 1,
      'anomaly-label-metadata': { 'class-name': className, 'human-annotated': 'yes', type: 'groundtruth/image-classification' },
      ...(mask
        ? {
            'anomaly-mask-ref': mask,
            'anomaly-mask-ref-metadata': {
              'internal-color-map': { '0': { 'class-name': 'cracked', 'hex-color': '#23A436' } },
              'human-annotated': 'yes',
              type: 'groundtruth/semantic-segmentation',
            },
          }
        : {}),
    });

  function crackMask(width: number, height: number): Blob {
    const rgba = new Uint8Array(width * height * 4);
    for (let y = 10; y < 20; y++) for (let x = 10; x < 40; x++) rgba.set([0x23, 0xa4, 0x36, 255], (y * width + x) * 4);
    return new Blob([encodeRgbaPng(rgba, width, height) as Uint8Array<ArrayBuffer>]);
  }

  it('resolves images and masks and decodes masks into the project label indices', async () => {
    const manifest = [line('s3://bucket/images/a.png', 'normal'), line('images/b.png', 'anomaly', 'masks/b.png')].join('\n');
    const prepared = await prepare({
      files: [
        { path: 'train.manifest', blob: new Blob([manifest]) },
        { path: 'images/a.png', blob: pngBlob(96, 64, 1) },
        { path: 'images/b.png', blob: pngBlob(96, 64, 2) },
        { path: 'masks/b.png', blob: crackMask(96, 64) },
      ],
      existingLabels: [{ name: 'scratch', color: '#e6194b', index: 1 }],
    });
    expect(prepared.kind).toBe('manifest');
    expect(messages(prepared.errors)).toEqual([]);
    expect(prepared.newLabels).toEqual([{ name: 'cracked', color: '#23a436' }]);
    const masked = prepared.items.find((item) => item.sourceRef === 'images/b.png')!;
    expect(masked.labelNames).toEqual(['cracked']);
    const indices = decodeLabelMaskPng(new Uint8Array(await masked.mask!.arrayBuffer())).mask;
    expect(indices.filter((value) => value === 2).length).toBe(300);
    expect(new Set(indices)).toEqual(new Set([0, 2]));
  });

  it('stops the whole import on a missing reference, naming the manifest line', async () => {
    const prepared = await prepare({
      files: [
        { path: 'train.manifest', blob: new Blob([[line('images/a.png', 'normal'), line('images/gone.png', 'normal')].join('\n')]) },
        { path: 'images/a.png', blob: pngBlob(96, 64, 1) },
      ],
    });
    expect(prepared.items).toEqual([]);
    expect(messages(prepared.errors).join('\n')).toMatch(/train\.manifest.*line 2|line 2.*train\.manifest/i);
  });

  it('refuses several manifests at once', async () => {
    const prepared = await prepare({
      files: [
        { path: 'a.manifest', blob: new Blob(['{}']) },
        { path: 'b.manifest', blob: new Blob(['{}']) },
      ],
    });
    expect(messages(prepared.errors)).toEqual([
      'Several manifest files were chosen (a.manifest, b.manifest). Import one manifest at a time, with the folder or zip holding its images.',
    ]);
  });
});
