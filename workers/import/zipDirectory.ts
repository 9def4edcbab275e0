// The table of contents of a ZIP archive (its central directory), read from the end of the file
// without inflating anything: every entry's name, method, flags and declared sizes, so limits are
// checked before a single byte is unpacked. ZIP64 sizes and offsets are understood.
import { strFromU8 } from 'fflate';

export interface ZipDirectoryEntry {
  /** The name as stored (not yet validated). */
  name: string;
  /** 0 = stored, 8 = deflate; anything else cannot be read. */
  method: number;
  encrypted: boolean;
  compressedBytes: number;
  declaredBytes: number;
  localHeaderOffset: number;
}

const endRecordSignature = 0x06054b50;
const zip64EndRecordSignature = 0x06064b50;
const zip64LocatorSignature = 0x07064b50;
const entrySignature = 0x02014b50;
const endRecordBytes = 22;
const zip64LocatorBytes = 20;
const maxCommentBytes = 0xffff;
const entryHeaderBytes = 46;
const zip64ExtraId = 0x0001;
const utf8NameFlag = 0x0800;
const encryptedFlag = 0x0001;
const sizeInZip64 = 0xffffffff;

/** Why a blob is not a readable zip: no directory at all, or a directory that does not fit the file. */
export type ZipDirectoryProblem = 'notZip' | 'damaged';

export class ZipDirectoryError extends Error {
  constructor(readonly problem: ZipDirectoryProblem) {
    super(`zip directory: ${problem}`);
  }
}

const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

function findEndRecord(tail: Uint8Array): number {
  const view = viewOf(tail);
  for (let offset = tail.length - endRecordBytes; offset >= 0; offset--) {
    if (view.getUint32(offset, true) === endRecordSignature) return offset;
  }
  throw new ZipDirectoryError('notZip');
}

interface DirectoryLocation {
  entryCount: number;
  offset: number;
  byteLength: number;
}

async function locateDirectory(archive: Blob): Promise<DirectoryLocation> {
  const tailStart = Math.max(0, archive.size - endRecordBytes - maxCommentBytes - zip64LocatorBytes);
  const tail = new Uint8Array(await archive.slice(tailStart).arrayBuffer());
  const endOffset = findEndRecord(tail);
  const end = viewOf(tail);
  const location = {
    entryCount: end.getUint16(endOffset + 10, true),
    byteLength: end.getUint32(endOffset + 12, true),
    offset: end.getUint32(endOffset + 16, true),
  };
  const locatorOffset = endOffset - zip64LocatorBytes;
  if (locatorOffset < 0 || end.getUint32(locatorOffset, true) !== zip64LocatorSignature) return location;
  const zip64EndOffset = Number(end.getBigUint64(locatorOffset + 8, true));
  const zip64End = viewOf(new Uint8Array(await archive.slice(zip64EndOffset, zip64EndOffset + 56).arrayBuffer()));
  if (zip64End.byteLength < 56 || zip64End.getUint32(0, true) !== zip64EndRecordSignature) throw new ZipDirectoryError('damaged');
  return {
    entryCount: Number(zip64End.getBigUint64(32, true)),
    byteLength: Number(zip64End.getBigUint64(40, true)),
    offset: Number(zip64End.getBigUint64(48, true)),
  };
}

/** Sizes and offset a ZIP64 extra field holds for the header fields that say 0xffffffff. */
function applyZip64Extra(entry: ZipDirectoryEntry, extra: DataView): void {
  for (let offset = 0; offset + 4 <= extra.byteLength;) {
    const id = extra.getUint16(offset, true);
    const length = extra.getUint16(offset + 2, true);
    if (id === zip64ExtraId) {
      let field = offset + 4;
      const next = () => {
        const value = Number(extra.getBigUint64(field, true));
        field += 8;
        return value;
      };
      if (entry.declaredBytes === sizeInZip64) entry.declaredBytes = next();
      if (entry.compressedBytes === sizeInZip64) entry.compressedBytes = next();
      if (entry.localHeaderOffset === sizeInZip64) entry.localHeaderOffset = next();
      return;
    }
    offset += 4 + length;
  }
}

export async function readZipDirectory(archive: Blob): Promise<ZipDirectoryEntry[]> {
  const location = await locateDirectory(archive);
  if (location.offset + location.byteLength > archive.size) throw new ZipDirectoryError('damaged');
  const bytes = new Uint8Array(await archive.slice(location.offset, location.offset + location.byteLength).arrayBuffer());
  const view = viewOf(bytes);
  const entries: ZipDirectoryEntry[] = [];
  let offset = 0;
  for (let i = 0; i < location.entryCount; i++) {
    if (offset + entryHeaderBytes > bytes.length || view.getUint32(offset, true) !== entrySignature) throw new ZipDirectoryError('damaged');
    const flags = view.getUint16(offset + 8, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const nameStart = offset + entryHeaderBytes;
    const entry: ZipDirectoryEntry = {
      name: strFromU8(bytes.subarray(nameStart, nameStart + nameLength), (flags & utf8NameFlag) === 0),
      method: view.getUint16(offset + 10, true),
      encrypted: (flags & encryptedFlag) !== 0,
      compressedBytes: view.getUint32(offset + 20, true),
      declaredBytes: view.getUint32(offset + 24, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
    };
    applyZip64Extra(entry, new DataView(bytes.buffer, bytes.byteOffset + nameStart + nameLength, Math.min(extraLength, bytes.length - nameStart - nameLength)));
    entries.push(entry);
    offset = nameStart + nameLength + extraLength + commentLength;
  }
  return entries;
}
