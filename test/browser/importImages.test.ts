// Image inspection in the import worker, in real Chromium: decoding by content, the §5 checks,
// thumbnails, content hashes, and the resize/crop offer for images of another size.
import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/i18n';
import { encodeRgbaPng } from '../../src/domain/png';
import { issueToError } from '../../src/domain/rules/issues';
import { renderSyntheticSample } from '../../src/domain/synthetic';
import { createWorkerBridge } from '../../workers/bridge';
import type { ImportWorkerApi } from '../../workers/import.worker';
import { thumbnailMaxSidePx, type InspectionResult } from '../../workers/import/inspectImage';

const importWorker = createWorkerBridge<ImportWorkerApi>(
  () => new Worker(new URL('../../workers/import.worker.ts', import.meta.url), { type: 'module' }),
);

function pngBlob(width: number, height: number, seed = 1): Blob {
  const sample = renderSyntheticSample({ seed, width, height, defects: [] });
  return new Blob([encodeRgbaPng(sample.rgba, width, height) as Uint8Array<ArrayBuffer>], { type: 'image/png' });
}

/** A flat grey PNG of any size, also below the generator's 64 px minimum. */
function flatPngBlob(width: number, height: number): Blob {
  const grey = new Uint8Array(width * height * 4).fill(128);
  return new Blob([encodeRgbaPng(grey, width, height) as Uint8Array<ArrayBuffer>], { type: 'image/png' });
}

function messages(result: InspectionResult): string[] {
  return result.ok ? [] : result.issues.map((issue) => describeError(issueToError(issue)));
}

async function imageSize(blob: Blob) {
  const bitmap = await createImageBitmap(blob);
  return [bitmap.width, bitmap.height];
}

describe('import worker: inspecting images', () => {
  it('accepts a valid PNG, sets the size of an empty project, hashes it and makes a small thumbnail', async () => {
    const [first, second] = await importWorker.run((api) =>
      api.inspectImages([{ file: 'a.png', blob: pngBlob(320, 240, 1) }, { file: 'b.png', blob: pngBlob(200, 100, 2) }], null),
    );
    expect(first!.ok).toBe(true);
    if (!first!.ok) return;
    expect([first!.image.width, first!.image.height]).toEqual([320, 240]);
    expect(first!.image.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Math.max(...(await imageSize(first!.image.thumbnail)))).toBe(thumbnailMaxSidePx);
    expect(first!.image.fitted).toBeNull();
    // The second image is checked against the size the first one set.
    expect(messages(second!)).toEqual(['b.png is 200×100 but this project uses 320×240. Crop or resize it to 320×240.']);
  });

  it('gives the same hash for the same bytes and another for other bytes', async () => {
    const same = pngBlob(96, 96, 7);
    const results = await importWorker.run((api) =>
      api.inspectImages([{ file: 'x.png', blob: same }, { file: 'copy-of-x.png', blob: same }, { file: 'y.png', blob: pngBlob(96, 96, 8) }], { width: 96, height: 96 }),
    );
    const hashes = results.map((result) => (result.ok ? result.image.contentHash : ''));
    expect(hashes[0]).toBe(hashes[1]);
    expect(hashes[2]).not.toBe(hashes[0]);
  });

  it('refuses what is not a decodable PNG or JPEG, naming the file', async () => {
    const png = new Uint8Array(await pngBlob(128, 128).arrayBuffer());
    const results = await importWorker.run((api) =>
      api.inspectImages(
        [
          { file: 'notes.png', blob: new Blob(['just some text, not an image']) },
          { file: 'truncated.png', blob: new Blob([png.slice(0, 200)]) },
          { file: 'empty.jpg', blob: new Blob([]) },
          { file: 'tiny.png', blob: flatPngBlob(40, 40) },
        ],
        null,
      ),
    );
    const [notImage, truncated, empty, tiny] = results.map(messages);
    expect(notImage![0]).toContain('notes.png is not a PNG or JPEG image.');
    expect(truncated![0]).toContain('truncated.png could not be decoded');
    expect(empty![0]).toContain('empty.jpg is empty (0 bytes)');
    expect(tiny).toEqual(['tiny.png is 40×40; images must be at least 64×64. Use a larger image.']);
  });

  it('resizes or crops an image of another size to the project size when asked', async () => {
    const projectSize = { width: 160, height: 120 };
    for (const mode of ['resize', 'crop'] as const) {
      const [result] = await importWorker.run((api) => api.inspectImages([{ file: 'big.png', blob: pngBlob(320, 320) }], projectSize, mode));
      expect(result!.ok, mode).toBe(true);
      if (!result!.ok) continue;
      expect(await imageSize(result!.image.image)).toEqual([160, 120]);
      expect(result!.image.fitted).toEqual({ mode, originalWidth: 320, originalHeight: 320 });
    }
  });
});
