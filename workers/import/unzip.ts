// Reads a ZIP archive into files with their paths, in the import worker. The central directory is
// read first, so every path and every declared size is checked before anything is inflated: an
// entry with `..` or an absolute path (zip-slip), an entry bigger than its kind allows or a zip
// bigger in total than the limit refuses the whole archive (imports are all-or-nothing). Entries
// are then inflated one at a time in small pieces, so no entry count or size exhausts the stack,
// and an entry that unpacks to more than it declared is stopped at once. Dataset zips and model
// packages differ only in which entries they keep and how big each kind may be.
import { Inflate } from 'fflate';
import { UserFacingError } from '../../src/domain/errors';
import { validateArchivePath } from '../../src/domain/rules/archivePath';
import { asFileReadFailure } from '../../src/domain/rules/fileReadFailure';
import { bytesPerMegabyte, maxArchiveUnpackedBytes, maxCsvBytes, maxImageBytes, maxManifestBytes } from '../../src/domain/rules/limits';
import { readZipDirectory, ZipDirectoryError, type ZipDirectoryEntry } from './zipDirectory';

export interface ArchiveFile {
  /** Normalised relative path inside the archive, `/`-separated. */
  path: string;
  blob: Blob;
}

const storedMethod = 0;
const deflateMethod = 8;
const localHeaderBytes = 30;
/** Compressed bytes handed to the inflater at a time: bounds what one step can unpack (~1000×). */
const inflateStepBytes = 16 * 1024;
/** Consecutive small entries are read from the archive in windows of this size, not one read each. */
const readWindowBytes = 8 * bytesPerMegabyte;

function isDirectoryEntry(name: string): boolean {
  return name.endsWith('/') || name.endsWith('\\');
}

/** Operating-system litter that zips made on macOS carry; never user images. */
function isSystemLitter(path: string): boolean {
  return path.startsWith('__MACOSX/') || path.split('/').at(-1) === '.DS_Store';
}

/** The most an entry may unpack to, and its kind (an i18n context of `import:archive.entryTooLarge`). */
export interface EntryLimit {
  bytes: number;
  kind: 'manifest' | 'csv' | 'image' | 'model' | 'modelMetadata';
}

/** The limit of the entry at `path`, or null for an entry the reader leaves out unread. */
export type EntryLimits = (path: string) => EntryLimit | null;

/** A dataset zip: a manifest, a CSV label file, or an image (anything else is skipped later as not an image). */
function datasetEntryLimit(path: string): EntryLimit {
  const lower = path.toLowerCase();
  if (lower.endsWith('.manifest')) return { bytes: maxManifestBytes, kind: 'manifest' };
  if (lower.endsWith('.csv')) return { bytes: maxCsvBytes, kind: 'csv' };
  return { bytes: maxImageBytes, kind: 'image' };
}

/** Deflate's worst case for incompressible data: 5 bytes per stored block of up to 64 KB, plus slack. */
const compressedOverheadBytes = (byteLength: number) => Math.ceil(byteLength / 65_535) * 5 + 64;

const megabytes = (byteLength: number) => Math.ceil(byteLength / bytesPerMegabyte);

interface PlannedEntry {
  path: string;
  entry: ZipDirectoryEntry;
}

/** Every kept entry with its checked path; throws for the first entry no import may unpack. */
function planEntries(archiveName: string, entries: readonly ZipDirectoryEntry[], limitOf: EntryLimits): PlannedEntry[] {
  const planned: PlannedEntry[] = [];
  let totalBytes = 0;
  for (const entry of entries) {
    if (isDirectoryEntry(entry.name)) continue;
    const path = validateArchivePath(entry.name);
    const limit = isSystemLitter(path) ? null : limitOf(path);
    if (!limit) continue;
    const params = { file: archiveName, entry: path };
    if (entry.encrypted) throw new UserFacingError('import:archive.encrypted', params);
    if (entry.method !== storedMethod && entry.method !== deflateMethod) throw new UserFacingError('import:archive.unsupportedMethod', params);
    // Deflate may store incompressible data slightly larger than it is; anything beyond that is a forgery.
    const largest = Math.max(entry.declaredBytes, entry.compressedBytes - compressedOverheadBytes(limit.bytes));
    if (largest > limit.bytes) {
      throw new UserFacingError(`import:archive.entryTooLarge_${limit.kind}`, {
        ...params,
        megabytes: megabytes(largest),
        limitMegabytes: megabytes(limit.bytes),
      });
    }
    totalBytes += entry.declaredBytes;
    if (totalBytes > maxArchiveUnpackedBytes)
      throw new UserFacingError('import:archive.tooLarge', { ...params, limitMegabytes: megabytes(maxArchiveUnpackedBytes) });
    planned.push({ path, entry });
  }
  return planned;
}

/** Reads byte ranges of a blob, serving consecutive small ranges from one cached window. */
class BlobRanges {
  private windowStart = 0;
  private window = new Uint8Array(0);

  constructor(private readonly blob: Blob) {}

  async read(start: number, byteLength: number): Promise<Uint8Array> {
    const end = start + byteLength;
    if (end > this.blob.size) throw new ZipDirectoryError('damaged');
    if (start >= this.windowStart && end <= this.windowStart + this.window.length) {
      return this.window.subarray(start - this.windowStart, end - this.windowStart);
    }
    if (byteLength > readWindowBytes) return new Uint8Array(await this.blob.slice(start, end).arrayBuffer());
    this.windowStart = start;
    this.window = new Uint8Array(await this.blob.slice(start, Math.min(this.blob.size, start + readWindowBytes)).arrayBuffer());
    return this.window.subarray(0, byteLength);
  }
}

async function compressedData(ranges: BlobRanges, entry: ZipDirectoryEntry): Promise<Uint8Array> {
  const header = await ranges.read(entry.localHeaderOffset, localHeaderBytes);
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (view.getUint32(0, true) !== 0x04034b50) throw new ZipDirectoryError('damaged');
  const dataStart = entry.localHeaderOffset + localHeaderBytes + view.getUint16(26, true) + view.getUint16(28, true);
  return ranges.read(dataStart, entry.compressedBytes);
}

/** The entry's bytes; stops as soon as they pass what the directory declared. */
function inflateEntry(archiveName: string, { path, entry }: PlannedEntry, data: Uint8Array): Blob {
  const liar = () => new UserFacingError('import:archive.sizeMismatch', { file: archiveName, entry: path, declared: entry.declaredBytes });
  if (entry.method === storedMethod) {
    if (data.length !== entry.declaredBytes) throw liar();
    return new Blob([data.slice() as Uint8Array<ArrayBuffer>]);
  }
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let unpackedBytes = 0;
  const inflater = new Inflate((chunk) => {
    unpackedBytes += chunk.length;
    if (unpackedBytes > entry.declaredBytes) throw liar();
    chunks.push(chunk as Uint8Array<ArrayBuffer>);
  });
  try {
    for (let start = 0; start < data.length; start += inflateStepBytes) {
      inflater.push(data.subarray(start, start + inflateStepBytes), start + inflateStepBytes >= data.length);
    }
    if (data.length === 0) inflater.push(data, true);
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw new UserFacingError('import:archive.entryDamaged', { file: archiveName, entry: path });
  }
  if (unpackedBytes !== entry.declaredBytes) throw new UserFacingError('import:archive.entryDamaged', { file: archiveName, entry: path });
  return new Blob(chunks);
}

function directoryProblem(archiveName: string, error: unknown): unknown {
  if (!(error instanceof ZipDirectoryError)) return asFileReadFailure(error, archiveName);
  return new UserFacingError(error.problem === 'notZip' ? 'import:archive.notZip' : 'import:archive.damaged', { file: archiveName });
}

/** The entries of a dataset zip; `archiveName` is the zip's file name, which every message about it names. */
export function readArchive(archive: Blob, archiveName: string, signal?: AbortSignal): Promise<ArchiveFile[]> {
  return readZipEntries(archive, archiveName, datasetEntryLimit, signal);
}

/** The entries `limitOf` keeps, each checked against its limit before it is inflated. */
export async function readZipEntries(archive: Blob, archiveName: string, limitOf: EntryLimits, signal?: AbortSignal): Promise<ArchiveFile[]> {
  try {
    signal?.throwIfAborted();
    const planned = planEntries(archiveName, await readZipDirectory(archive), limitOf);
    planned.sort((a, b) => a.entry.localHeaderOffset - b.entry.localHeaderOffset);
    const ranges = new BlobRanges(archive);
    const files: ArchiveFile[] = [];
    for (const item of planned) {
      signal?.throwIfAborted();
      files.push({ path: item.path, blob: inflateEntry(archiveName, item, await compressedData(ranges, item.entry)) });
    }
    return files.sort((a, b) => a.path.localeCompare(b.path));
  } catch (error) {
    throw directoryProblem(archiveName, error);
  }
}
