// Spec §2.1: a manifest's source-ref or mask ref → one of the imported files' relative paths.
import { errorIssue, type ValidationIssue } from '../rules/issues';

const s3Prefix = /^s3:\/\/[^/]+\//i;

function segmentsOf(path: string): string[] {
  return path
    .replaceAll('\\', '/')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.');
}

/** Every trailing sub-path of every imported file, for lookups in time independent of the file count. */
export class PathIndex {
  private readonly pathsBySuffix = new Map<string, string[]>();

  constructor(paths: Iterable<string>) {
    for (const path of paths) {
      const segments = segmentsOf(path);
      for (let start = 0; start < segments.length; start++) {
        const suffix = segments.slice(start).join('/');
        const holders = this.pathsBySuffix.get(suffix);
        if (holders) holders.push(path);
        else this.pathsBySuffix.set(suffix, [path]);
      }
    }
  }

  pathsEndingWith(suffix: string): readonly string[] {
    return this.pathsBySuffix.get(suffix) ?? [];
  }
}

export type ReferenceResolution = { ok: true; path: string } | { ok: false; issue: ValidationIssue };

export interface ReferenceSite {
  file: string;
  line: number;
}

/**
 * Drops `s3://<bucket>/`, then tries the ref's trailing sub-paths, longest first, against the
 * imported files' trailing sub-paths; the file name alone is the last try. Several files at the
 * winning length make the reference ambiguous.
 */
export function resolveReference(ref: string, index: PathIndex, site: ReferenceSite): ReferenceResolution {
  const segments = segmentsOf(ref.trim().replace(s3Prefix, ''));
  for (let start = 0; start < segments.length; start++) {
    const candidates = index.pathsEndingWith(segments.slice(start).join('/'));
    if (candidates.length === 1) return { ok: true, path: candidates[0]! };
    if (candidates.length > 1) {
      return { ok: false, issue: errorIssue('import:reference.ambiguous', { ...site, ref, candidates: [...candidates].sort().join(', ') }) };
    }
  }
  return { ok: false, issue: errorIssue('import:reference.missing', { ...site, ref }) };
}

/**
 * The files an image reference may resolve to: every file except those the manifest's mask
 * references resolve to. A dataset export keeps `x.png` in both images/ and masks/, so without
 * this a missing image would fall back by file name to its own mask.
 */
export function imageCandidatePaths(paths: Iterable<string>, maskPaths: ReadonlySet<string>): string[] {
  return [...paths].filter((path) => !maskPaths.has(path));
}
