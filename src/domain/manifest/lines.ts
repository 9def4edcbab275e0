// Manifests are read as a stream (up to 1 GB, spec §2.1): text chunks in, complete numbered
// lines out, so no caller ever holds the whole file as one string.
import { errorIssue, type ValidationIssue } from '../rules/issues';
import { maxManifestBytes } from '../rules/limits';

export interface NumberedLine {
  /** 1-based. */
  lineNumber: number;
  text: string;
}

const byteOrderMark = '\uFEFF';

export class LineSplitter {
  private pending = '';
  private nextLineNumber = 1;
  private atStart = true;

  /** Lines completed by this chunk; a trailing partial line waits for the next chunk. */
  push(chunk: string): NumberedLine[] {
    let text = this.pending + chunk;
    if (this.atStart && text.length > 0) {
      if (text.startsWith(byteOrderMark)) text = text.slice(byteOrderMark.length);
      this.atStart = false;
    }
    const parts = text.split('\n');
    this.pending = parts.pop() ?? '';
    return parts.map((part) => this.numbered(part));
  }

  /** The last line when the file does not end with a line break. */
  end(): NumberedLine[] {
    const rest = this.pending;
    this.pending = '';
    return rest === '' ? [] : [this.numbered(rest)];
  }

  private numbered(part: string): NumberedLine {
    const text = part.endsWith('\r') ? part.slice(0, -1) : part;
    return { lineNumber: this.nextLineNumber++, text };
  }
}

/** Checked on the file size before reading, so a too-large file is refused at once. */
export function checkManifestSize(file: string, byteLength: number): ValidationIssue | null {
  if (byteLength === 0) return errorIssue('import:manifest.empty', { file });
  return byteLength > maxManifestBytes ? errorIssue('import:manifest.tooLarge', { file }) : null;
}
