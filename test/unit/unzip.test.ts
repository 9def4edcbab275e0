// Streaming ZIP reading for imports: nested paths kept, folders and macOS litter skipped, and an
// unsafe entry path refusing the whole archive.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/i18n';
import { readArchive } from '../../workers/import/unzip';

function zipBlob(files: Record<string, Uint8Array>): Blob {
  return new Blob([zipSync(files, { level: 6 }) as Uint8Array<ArrayBuffer>]);
}

describe('readArchive', () => {
  it('returns every file with its relative path and exact bytes', async () => {
    const bigBytes = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7) % 251);
    const files = await readArchive(
      zipBlob({
        'datasets/train.manifest': strToU8('{"source-ref":"train/images/a.png"}\n'),
        'train/images/a.png': bigBytes,
        'train/masks/': new Uint8Array(0),
        '__MACOSX/train/images/._a.png': strToU8('litter'),
        'train/images/.DS_Store': strToU8('litter'),
      }),
    );
    expect(files.map((file) => file.path)).toEqual(['datasets/train.manifest', 'train/images/a.png']);
    expect(new Uint8Array(await files[1]!.blob.arrayBuffer())).toEqual(bigBytes);
    expect(await files[0]!.blob.text()).toBe('{"source-ref":"train/images/a.png"}\n');
  });

  it.each(['../outside.png', 'train/../../outside.png', '/etc/passwd'])('refuses an archive with the entry %j', async (unsafePath) => {
    const archive = zipBlob({ 'normal/1.png': strToU8('x'), [unsafePath]: strToU8('y') });
    const error = await readArchive(archive).catch((reason: unknown) => reason);
    expect(describeError(error)).toContain(unsafePath);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readArchive(zipBlob({ 'a.png': strToU8('x') }), controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
