// A whole manifest, fed line by line (streamed) or as one text: every failing line is listed,
// a pretty-printed object is recognised as such rather than as a run of broken lines, and a
// repeated source-ref keeps the later line (spec §1: importing a line updates its entry).
import { errorIssue, warningIssue, type ValidationIssue } from '../rules/issues';
import { LineSplitter, type NumberedLine } from './lines';
import { parseManifestLine } from './parseLine';
import type { ManifestEntry } from './types';

export interface ParsedManifest {
  /** In order of first appearance; a repeated source-ref holds its last line. */
  entries: ManifestEntry[];
  issues: ValidationIssue[];
}

/** Net `{` minus `}` outside JSON strings (a JSON string never spans lines). */
function braceBalance(text: string): number {
  let balance = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') balance++;
    else if (char === '}') balance--;
  }
  return balance;
}

function isCompleteObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

interface OpenObject {
  firstLine: number;
  lines: string[];
  balance: number;
}

export class ManifestReader {
  private readonly entriesBySourceRef = new Map<string, ManifestEntry>();
  private readonly issues: ValidationIssue[] = [];
  private openObject: OpenObject | null = null;

  constructor(private readonly file: string) {}

  push({ lineNumber, text }: NumberedLine): void {
    if (this.openObject) {
      if (isCompleteObject(text)) {
        // The object never closed: it was a broken line, not a pretty-printed object.
        this.closeOpenObject();
      } else {
        this.continueOpenObject(text, lineNumber);
        return;
      }
    }
    const trimmed = text.trim();
    if (trimmed.startsWith('{') && !isCompleteObject(trimmed) && braceBalance(trimmed) > 0) {
      this.openObject = { firstLine: lineNumber, lines: [text], balance: braceBalance(trimmed) };
      return;
    }
    this.accept(parseManifestLine(text, lineNumber, this.file));
  }

  finish(): ParsedManifest {
    this.closeOpenObject();
    const entries = [...this.entriesBySourceRef.values()];
    if (entries.length === 0 && this.issues.length === 0) this.issues.push(errorIssue('import:manifest.noEntries', { file: this.file }));
    return { entries, issues: this.issues };
  }

  private continueOpenObject(text: string, lineNumber: number): void {
    const open = this.openObject!;
    open.lines.push(text);
    open.balance += braceBalance(text);
    if (open.balance > 0) return;
    this.openObject = null;
    const code = isCompleteObject(open.lines.join('\n')) ? 'import:manifest.prettyPrinted' : 'import:manifest.notJson';
    this.issues.push(errorIssue(code, { file: this.file, line: open.firstLine, lastLine: lineNumber }));
  }

  private closeOpenObject(): void {
    if (!this.openObject) return;
    this.issues.push(errorIssue('import:manifest.notJson', { file: this.file, line: this.openObject.firstLine }));
    this.openObject = null;
  }

  private accept({ entry, issues }: ReturnType<typeof parseManifestLine>): void {
    this.issues.push(...issues);
    if (!entry) return;
    const earlier = this.entriesBySourceRef.get(entry.sourceRef);
    if (earlier) {
      this.issues.push(
        warningIssue('import:manifest.repeatedSourceRef', {
          file: this.file,
          line: entry.lineNumber,
          firstLine: earlier.lineNumber,
          sourceRef: entry.sourceRef,
        }),
      );
    }
    // Map.set keeps the position of the first appearance.
    this.entriesBySourceRef.set(entry.sourceRef, entry);
  }
}

export function parseManifest(text: string, file: string): ParsedManifest {
  const splitter = new LineSplitter();
  const reader = new ManifestReader(file);
  for (const line of [...splitter.push(text), ...splitter.end()]) reader.push(line);
  return reader.finish();
}
