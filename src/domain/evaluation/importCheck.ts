// Comparing an imported model's re-run with the test results its package carries (spec §9 item 4): the
// package's test images are found among this project's entries (by content hash, else by name), and each
// score must agree within `importCheckScoreTolerance` and each verdict exactly. Pure; the run is the caller's.
import type { ImportCheck, ImportCheckMismatch, PackagedTestResult } from '../../contracts/importCheck';
import { UserFacingError } from '../errors';

/** Scores are float32 sums in another graph run; a real difference (other weights, other threshold) is far larger. */
export const importCheckScoreTolerance = 1e-4;

export interface CheckableEntry {
  sourceRef: string;
  contentHash?: string;
}

/** The package's test results paired with the project entry holding the same image; unmatched ones are left out. */
export function matchTestImages<Entry extends CheckableEntry>(expected: readonly PackagedTestResult[], entries: readonly Entry[]) {
  const byHash = new Map(entries.filter((entry) => entry.contentHash).map((entry) => [entry.contentHash!, entry]));
  const byName = new Map(entries.map((entry) => [entry.sourceRef, entry]));
  return expected.flatMap((result) => {
    const named = byName.get(result.file);
    // A name alone matches only where a hash cannot tell: another picture under the same name is not the test image.
    const sameName = named && !(named.contentHash && result.contentHash) ? named : undefined;
    const entry = (result.contentHash && byHash.get(result.contentHash)) || sameName;
    return entry ? [{ expected: result, entry }] : [];
  });
}

/** `scores[i]` is the re-run score of `expected[i]` (null: not judged). */
export function compareTestResults(expected: readonly PackagedTestResult[], scores: readonly (number | null)[], checkedAt: string): ImportCheck {
  const mismatches: ImportCheckMismatch[] = [];
  expected.forEach((result, index) => {
    const score = scores[index] ?? null;
    const got = score === null ? null : { score, isAnomalous: score >= result.threshold };
    if (got && Math.abs(got.score - result.score) <= importCheckScoreTolerance && got.isAnomalous === result.isAnomalous) return;
    mismatches.push({ file: result.file, expected: { score: result.score, isAnomalous: result.isAnomalous }, got });
  });
  return { checkedAt, images: expected.length, mismatches };
}

/** Why an imported version may not start (its check found a mismatch: the first one named), or undefined when it may. */
export function importCheckRefusal(version: { version: number; importCheck?: ImportCheck }): UserFacingError | undefined {
  const check = version.importCheck;
  if (!check || !('mismatches' in check)) return undefined;
  const [mismatch] = check.mismatches;
  if (!mismatch) return undefined;
  return new UserFacingError('modelPackage.importMismatch', {
    version: version.version,
    file: mismatch.file,
    expected: mismatch.expected.score,
    count: check.mismatches.length,
    images: check.images,
    ...(mismatch.got ? { got: mismatch.got.score } : { context: 'unjudged' }),
  });
}
