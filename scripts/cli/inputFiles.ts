// The images a command-line detection run judges: each argument is a file (judged whatever its name; the
// runtime checks the content) or a folder (walked recursively for .png/.jpg/.jpeg). The order is stable
// (arguments in order, each folder's files sorted by path) so two runs write the same lines in the same order.
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';

export interface InputFile {
  /** As the user can find it again: the argument, or the argument joined with the path inside it. */
  path: string;
  /** Path relative to the folder argument (a file argument: its own name); where its mask goes under --masks. */
  relativePath: string;
}

const imageExtensions = /\.(png|jpe?g)$/i;

/** Throws `{ code: 'ENOENT' | … , path }` (Node's error) for an argument that does not exist. */
export async function listInputFiles(args: readonly string[]): Promise<InputFile[]> {
  const files: InputFile[] = [];
  for (const arg of args) {
    if ((await stat(arg)).isDirectory()) {
      const found = (await imagesUnder(arg)).sort();
      files.push(...found.map((path) => ({ path, relativePath: relative(arg, path) })));
    } else {
      files.push({ path: arg, relativePath: basename(arg) });
    }
  }
  return files;
}

async function imagesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return imagesUnder(path);
      return entry.isFile() && imageExtensions.test(entry.name) ? [path] : [];
    }),
  );
  return nested.flat();
}
