// Reads a ZIP archive as a stream (any size, never fully in memory as one buffer) into files
// with their paths. Paths are checked before anything is kept: an entry with `..` or an absolute
// path refuses the whole archive (zip-slip), as imports are all-or-nothing.
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { validateArchivePath } from '../../src/domain/rules/archivePath';

export interface ArchiveFile {
  /** Normalised relative path inside the archive, `/`-separated. */
  path: string;
  blob: Blob;
}

function isDirectoryEntry(name: string): boolean {
  return name.endsWith('/') || name.endsWith('\\');
}

/** Operating-system litter that zips made on macOS carry; never user images. */
function isSystemLitter(path: string): boolean {
  return path.startsWith('__MACOSX/') || path.split('/').at(-1) === '.DS_Store';
}

export async function readArchive(archive: Blob, signal?: AbortSignal): Promise<ArchiveFile[]> {
  const files: ArchiveFile[] = [];
  const pending: Promise<void>[] = [];
  let failure: unknown = null;

  const unzip = new Unzip((entry: UnzipFile) => {
    if (isDirectoryEntry(entry.name)) return;
    let path: string;
    try {
      path = validateArchivePath(entry.name);
    } catch (error) {
      failure ??= error;
      return;
    }
    if (isSystemLitter(path)) return;
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    pending.push(
      new Promise<void>((resolve, reject) => {
        entry.ondata = (error, chunk, final) => {
          if (error) return reject(error);
          chunks.push(chunk as Uint8Array<ArrayBuffer>);
          if (final) {
            files.push({ path, blob: new Blob(chunks) });
            resolve();
          }
        };
      }),
    );
    entry.start();
  });
  unzip.register(UnzipInflate);

  const reader = archive.stream().getReader();
  for (;;) {
    signal?.throwIfAborted();
    const { done, value } = await reader.read();
    if (done) break;
    unzip.push(value);
    if (failure) break;
  }
  if (failure) {
    await reader.cancel();
    throw failure;
  }
  unzip.push(new Uint8Array(0), true);
  await Promise.all(pending);
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
