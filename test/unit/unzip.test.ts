// ZIP reading for imports: nested paths kept, folders and macOS litter skipped, an unsafe entry
// path refusing the whole archive, tens of thousands of entries, and zip bombs refused from the
// sizes the zip declares (or, for an entry that lies, as soon as its output passes them).
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/i18n';
import { readArchive } from '../../workers/import/unzip';
import { declareUncompressedSize } from '../fixtures/forgedZip';

function zipBlob(files: Record<string, Uint8Array>, level: 0 | 6 = 6): Blob {
  return new Blob([zipSync(files, { level }) as Uint8Array<ArrayBuffer>]);
}

async function messageOf(promise: Promise<unknown>): Promise<string> {
  return describeError(
    await promise.then(
      () => null,
      (reason: unknown) => reason,
    ),
  );
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
      'export.zip',
    );
    expect(files.map((file) => file.path)).toEqual(['datasets/train.manifest', 'train/images/a.png']);
    expect(new Uint8Array(await files[1]!.blob.arrayBuffer())).toEqual(bigBytes);
    expect(await files[0]!.blob.text()).toBe('{"source-ref":"train/images/a.png"}\n');
  });

  it('reads stored (uncompressed) entries too', async () => {
    const files = await readArchive(zipBlob({ 'a.txt': strToU8('plain') }, 0), 'stored.zip');
    expect(await files[0]!.blob.text()).toBe('plain');
  });

  it('reads 10,000 small entries', async () => {
    const entries = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`normal/${i}.png`, strToU8(`image ${i}`)]));
    const files = await readArchive(zipBlob(entries), 'many.zip');
    expect(files).toHaveLength(10_000);
    expect(await files.find((file) => file.path === 'normal/9999.png')!.blob.text()).toBe('image 9999');
  });

  it.each(['../outside.png', 'train/../../outside.png', '/etc/passwd'])('refuses an archive with the entry %j', async (unsafePath) => {
    const archive = zipBlob({ 'normal/1.png': strToU8('x'), [unsafePath]: strToU8('y') });
    expect(await messageOf(readArchive(archive, 'upload.zip'))).toContain(unsafePath);
  });

  it('refuses an image entry that declares more than 8 MB before inflating it', async () => {
    const bomb = declareUncompressedSize(zipSync({ 'normal/bomb.png': new Uint8Array(1000) }), 3 * 1024 ** 3);
    const message = await messageOf(readArchive(new Blob([bomb]), 'bomb.zip'));
    expect(message).toBe(
      'bomb.zip: the entry normal/bomb.png would unpack to 3072 MB; an image may be at most 8 MB. Nothing was imported; remove the entry from the zip and import again.',
    );
  });

  it('stops inflating an entry whose data outgrows the size it declares', async () => {
    const liar = declareUncompressedSize(zipSync({ 'normal/liar.png': new Uint8Array(2_000_000) }), 100);
    const message = await messageOf(readArchive(new Blob([liar]), 'liar.zip'));
    expect(message).toBe(
      'liar.zip: the entry normal/liar.png unpacks to more than the 100 bytes it declares, so the zip is damaged or forged. Nothing was imported; re-create the zip.',
    );
  });

  it('refuses a zip whose entries together would unpack to more than the total limit', async () => {
    const entries = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`normal/${i}.png`, new Uint8Array(10)]));
    const zip = declareUncompressedSize(zipSync(entries), 8 * 1024 * 1024);
    const message = await messageOf(readArchive(new Blob([zip]), 'huge.zip'));
    expect(message).toContain('huge.zip would unpack to more than 2048 MB');
    expect(message).toContain('normal/');
  });

  it('names the file when it is not a zip at all', async () => {
    const message = await messageOf(readArchive(new Blob(['just some text']), 'notes.zip'));
    expect(message).toBe(
      'notes.zip is not a zip archive, or it is truncated: its zip directory is missing. Choose the zip file itself, or copy or download it again.',
    );
  });

  it('names the file when the zip is truncated', async () => {
    const zip = zipSync({ 'normal/1.png': new Uint8Array(5000).fill(7), 'normal/2.png': new Uint8Array(5000).fill(9) }, { level: 0 });
    const cut = new Blob([zip.slice(0, zip.length - 40) as Uint8Array<ArrayBuffer>]);
    expect(await messageOf(readArchive(cut, 'cut.zip'))).toBe(
      'cut.zip is not a zip archive, or it is truncated: its zip directory is missing. Choose the zip file itself, or copy or download it again.',
    );
    const headless = new Blob([zip.slice(4000) as Uint8Array<ArrayBuffer>]);
    expect(await messageOf(readArchive(headless, 'headless.zip'))).toBe(
      'headless.zip is damaged or incomplete: its entries cannot be read. Copy or download the zip again.',
    );
  });

  it('names the zip when the file cannot be read any more (moved or changed after it was chosen)', async () => {
    class UnreadableBlob extends Blob {
      override slice(): Blob {
        return this;
      }
      override arrayBuffer(): Promise<ArrayBuffer> {
        return Promise.reject(new DOMException('The requested file could not be read, typically due to permission problems.', 'NotReadableError'));
      }
    }
    expect(await messageOf(readArchive(new UnreadableBlob(['x']), 'photos.zip'))).toBe(
      'photos.zip could not be read: it was moved, deleted or changed after it was chosen. Choose it again.',
    );
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readArchive(zipBlob({ 'a.png': strToU8('x') }), 'a.zip', controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
