// The project bundle (issue 17 item 1): one zip holding everything a project is — its records store by
// store (`records/<store>.json`, Blobs replaced by `{ "$blob": path }`), every Blob once under `blobs/`,
// and `spotcheck-project.json` (format version, the record counts and each Blob's size) written last.
// The zip is written and read as a stream (fflate's Zip/Unzip): one Blob in memory at a time on the way
// out, with progress and cancel. Storage reads and writes the records (src/storage/projectBundle.ts).
import { strFromU8, strToU8, Unzip, UnzipInflate, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { UserFacingError } from './errors';

export const projectBundleFormat = 'spotcheck-project';
/** Bump when a reader of older bundles would misread the new one. */
export const projectBundleFormatVersion = 1;
export const bundleManifestName = 'spotcheck-project.json';

/** The stores a bundle carries, in the order they are written and imported. */
export const bundleStores = [
  'projects',
  'anomalyLabels',
  'datasets',
  'entries',
  'images',
  'thumbnails',
  'masks',
  'modelVersions',
  'modelArtifacts',
  'trialJobs',
  'trialResults',
] as const;
export type BundleStore = (typeof bundleStores)[number];

export type BundleRecords = Record<BundleStore, Record<string, unknown>[]>;

export interface BundleManifest {
  format: typeof projectBundleFormat;
  formatVersion: number;
  exportedAt: string;
  projectName: string;
  includesTrials: boolean;
  recordCounts: Record<BundleStore, number>;
  /** Bytes of each Blob, by its path in the zip. */
  blobSizes: Record<string, number>;
}

export interface BundleProgress {
  bytesDone: number;
  bytesTotal: number;
}

interface BlobReference {
  $blob: string;
  type: string;
}

const isBlobReference = (value: unknown): value is BlobReference =>
  typeof value === 'object' && value !== null && typeof (value as BlobReference).$blob === 'string' && Object.keys(value).length === 2;

/** `value` with each Blob replaced by what `replace` gives for it (records are plain JSON besides Blobs). */
function mapBlobs(value: unknown, replace: (blob: Blob) => unknown): unknown {
  if (value instanceof Blob) return replace(value);
  if (Array.isArray(value)) return value.map((item) => mapBlobs(item, replace));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapBlobs(item, replace)]));
  return value;
}

function restoreBlobs(value: unknown, blobOf: (reference: BlobReference) => Blob): unknown {
  if (isBlobReference(value)) return blobOf(value);
  if (Array.isArray(value)) return value.map((item) => restoreBlobs(item, blobOf));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, restoreBlobs(item, blobOf)]));
  return value;
}

export interface WriteBundleOptions {
  projectName: string;
  includesTrials: boolean;
  exportedAt: string;
  onProgress?: (progress: BundleProgress) => void;
  signal?: AbortSignal;
}

/** The bundle as a Blob made of the zip's chunks; rejects with the signal's reason when cancelled. */
export async function writeProjectBundle(records: BundleRecords, options: WriteBundleOptions): Promise<Blob> {
  const chunks: Uint8Array[] = [];
  let zipError: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) zipError = error;
    else chunks.push(chunk);
  });
  const blobs: { path: string; blob: Blob }[] = [];
  const stored = Object.fromEntries(
    bundleStores.map((store) => [
      store,
      records[store].map((record) =>
        mapBlobs(record, (blob) => {
          const path = `blobs/${store}/${blobs.length}`;
          blobs.push({ path, blob });
          return { $blob: path, type: blob.type };
        }),
      ),
    ]),
  );
  const bytesTotal = blobs.reduce((sum, { blob }) => sum + blob.size, 0);
  let bytesDone = 0;
  const addFile = (path: string, bytes: Uint8Array, compress: boolean) => {
    const file = compress ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
    zip.add(file);
    file.push(bytes, true);
    if (zipError) throw zipError;
  };
  try {
    for (const store of bundleStores) addFile(`records/${store}.json`, strToU8(JSON.stringify(stored[store])), true);
    for (const { path, blob } of blobs) {
      options.signal?.throwIfAborted();
      // Images and ONNX files barely compress: stored as they are, one at a time.
      addFile(path, new Uint8Array(await blob.arrayBuffer()), false);
      bytesDone += blob.size;
      options.onProgress?.({ bytesDone, bytesTotal });
    }
    const manifest: BundleManifest = {
      format: projectBundleFormat,
      formatVersion: projectBundleFormatVersion,
      exportedAt: options.exportedAt,
      projectName: options.projectName,
      includesTrials: options.includesTrials,
      recordCounts: Object.fromEntries(bundleStores.map((store) => [store, records[store].length])) as Record<BundleStore, number>,
      blobSizes: Object.fromEntries(blobs.map(({ path, blob }) => [path, blob.size])),
    };
    addFile(bundleManifestName, strToU8(JSON.stringify(manifest, null, 2)), true);
    zip.end();
  } catch (error) {
    zip.terminate();
    throw error;
  }
  return new Blob(chunks as Uint8Array<ArrayBuffer>[], { type: 'application/zip' });
}

export interface ReadBundle {
  manifest: BundleManifest;
  records: BundleRecords;
}

/**
 * Reads a bundle as a stream; every problem is a UserFacingError naming `file`: not a bundle or damaged
 * (a missing or unreadable part, a Blob of the wrong size), or made by a newer Spotcheck.
 */
export async function readProjectBundle(
  bundle: Blob,
  file: string,
  options: { onProgress?: (progress: BundleProgress) => void; signal?: AbortSignal } = {},
): Promise<ReadBundle> {
  const files = new Map<string, Uint8Array[]>();
  const unzip = new Unzip((entry) => {
    const parts: Uint8Array[] = [];
    files.set(entry.name, parts);
    entry.ondata = (error, data) => {
      if (error) throw error;
      parts.push(data);
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  const reader = bundle.stream().getReader();
  let bytesDone = 0;
  try {
    for (;;) {
      options.signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      unzip.push(value);
      bytesDone += value.length;
      options.onProgress?.({ bytesDone, bytesTotal: bundle.size });
    }
    unzip.push(new Uint8Array(0), true);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new UserFacingError('projectBundle.damaged', { file, part: 'zip' });
  } finally {
    reader.releaseLock();
  }
  const text = (path: string) => {
    const parts = files.get(path);
    if (!parts) throw new UserFacingError('projectBundle.damaged', { file, part: path });
    return strFromU8(concat(parts));
  };
  if (!files.has(bundleManifestName)) throw new UserFacingError('projectBundle.notBundle', { file });
  const manifest = parseJson(text(bundleManifestName), file, bundleManifestName) as BundleManifest;
  if (manifest?.format !== projectBundleFormat) throw new UserFacingError('projectBundle.notBundle', { file });
  if (!(manifest.formatVersion <= projectBundleFormatVersion)) {
    throw new UserFacingError('projectBundle.newerFormat', { file, format: String(manifest.formatVersion), supported: projectBundleFormatVersion });
  }
  const blobOf = ({ $blob: path, type }: BlobReference) => {
    const parts = files.get(path);
    const size = parts?.reduce((sum, part) => sum + part.length, 0);
    if (parts === undefined || size !== manifest.blobSizes[path]) throw new UserFacingError('projectBundle.damaged', { file, part: path });
    return new Blob(parts as Uint8Array<ArrayBuffer>[], { type });
  };
  const records = Object.fromEntries(
    bundleStores.map((store) => {
      const path = `records/${store}.json`;
      const list = parseJson(text(path), file, path);
      if (!Array.isArray(list) || list.length !== manifest.recordCounts[store]) throw new UserFacingError('projectBundle.damaged', { file, part: path });
      return [store, list.map((record) => restoreBlobs(record, blobOf))];
    }),
  ) as BundleRecords;
  return { manifest, records };
}

function parseJson(text: string, file: string, part: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UserFacingError('projectBundle.damaged', { file, part });
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

/**
 * The records under new ids (an import as a copy, or beside the project it came from): every id of the
 * bundle gets a fresh one wherever it appears, also inside composite keys (`<modelVersionId>/<name>`).
 */
export function withFreshIds(records: BundleRecords, newId: () => string): BundleRecords {
  const renamed = new Map<string, string>();
  for (const store of bundleStores) {
    for (const record of records[store]) {
      const id = record.id;
      if (typeof id === 'string' && !id.includes('/') && !renamed.has(id)) renamed.set(id, newId());
    }
  }
  const pattern = renamed.size > 0 ? new RegExp([...renamed.keys()].map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g') : null;
  const rename = (value: unknown): unknown => {
    if (typeof value === 'string') return pattern ? value.replace(pattern, (id) => renamed.get(id)!) : value;
    if (value instanceof Blob) return value;
    if (Array.isArray(value)) return value.map(rename);
    // Keys too: a record may map entry ids to values.
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [rename(key), rename(item)]));
    return value;
  };
  return Object.fromEntries(bundleStores.map((store) => [store, records[store].map((record) => rename(record) as Record<string, unknown>)])) as BundleRecords;
}
