// Turns what the user hands over — picked files, a picked folder, dropped files and folders —
// into files with relative paths. The path is the entry's identity (spec §2.6: the aliens sample
// repeats file names across normal/ and anomaly/), so it is relative to the chosen folder. Shared by
// dataset imports, trial jobs and detect-on-files (moved from datasets/import).

export interface SourceFile {
  /** `/`-separated path relative to the chosen folder, e.g. `anomaly/1.png`. */
  path: string;
  file: File;
}

/** Drops the chosen folder's own name: a picked `aliens/` yields `normal/1.png`, not `aliens/normal/1.png`. */
function relativeToChosenFolder(paths: string[]): string[] {
  const firstSegments = new Set(paths.map((path) => path.split('/')[0]));
  const allInOneFolder = firstSegments.size === 1 && paths.every((path) => path.includes('/'));
  return allInOneFolder ? paths.map((path) => path.slice(path.indexOf('/') + 1)) : paths;
}

/** From `<input type=file multiple>` or `<input type=file webkitdirectory>`. */
export function filesFromInput(fileList: FileList | File[]): SourceFile[] {
  const files = Array.from(fileList);
  const paths = relativeToChosenFolder(files.map((file) => file.webkitRelativePath || file.name));
  return files.map((file, i) => ({ path: paths[i]!, file }));
}

function readAllEntries(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const entries: FileSystemEntry[] = [];
  // readEntries returns at most ~100 entries per call: read until it returns none.
  return new Promise((resolve, reject) => {
    const readBatch = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) return resolve(entries);
        entries.push(...batch);
        readBatch();
      }, reject);
    readBatch();
  });
}

async function collect(entry: FileSystemEntry, prefix: string, into: SourceFile[]): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    into.push({ path, file });
  } else if (entry.isDirectory) {
    for (const child of await readAllEntries(entry as FileSystemDirectoryEntry)) await collect(child, path, into);
  }
}

/** From a drop: files and whole folders, read recursively. */
export async function filesFromDrop(dataTransfer: DataTransfer): Promise<SourceFile[]> {
  // Entries must be taken synchronously, before the drop event's data store is cleared.
  const entries = Array.from(dataTransfer.items)
    .map((item) => item.webkitGetAsEntry())
    .filter((entry): entry is FileSystemEntry => entry !== null);
  const collected: SourceFile[] = [];
  for (const entry of entries) await collect(entry, '', collected);
  const paths = relativeToChosenFolder(collected.map((source) => source.path));
  return collected.map((source, i) => ({ path: paths[i]!, file: source.file }));
}
