// The train/test split of a single-dataset project (spec §1.1): stratified by class and anomaly label,
// reproducible from its recorded seed, and independent of the order the images are listed in.
import { deriveSeed, Random } from './random';
import type { ImageClass } from './types';

/** Share of each stratum held out for evaluation (spec §1.1, Spotcheck default). */
export const defaultTestShare = 0.2;

/** The largest seed: a run's seed is a 32-bit unsigned integer, like the random one drawn when none is given. */
export const maxSplitSeed = 0xffff_ffff;

/**
 * What a user typed as the seed of a training run, to repeat an earlier run's split and training order:
 * nothing (a fresh random draw), a seed, or text that is neither (the dialog says how to fix it).
 */
export type SeedEntry = { kind: 'fresh' } | { kind: 'seed'; seed: number } | { kind: 'invalid' };

export function parseSeedEntry(text: string): SeedEntry {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'fresh' };
  if (!/^\d{1,10}$/.test(trimmed)) return { kind: 'invalid' };
  const seed = Number(trimmed);
  return seed <= maxSplitSeed ? { kind: 'seed', seed } : { kind: 'invalid' };
}

/** A labelled image that takes part in training; unlabeled images never do (spec §5). */
export interface SplitCandidate {
  id: string;
  classification: ImageClass;
  anomalyLabelIds: readonly string[];
}

/** Stored on the model version so the split can be shown and reproduced. */
export interface DatasetSplit {
  seed: number;
  testShare: number;
  /** Sorted. */
  trainIds: string[];
  /** Sorted. */
  testIds: string[];
}

/**
 * normal; anomalous without labels (classification); one stratum per single anomaly label; and all
 * multi-label anomalies together, since per-combination strata would mostly hold one image.
 */
export function stratumOf(candidate: SplitCandidate): string {
  if (candidate.classification === 'normal') return 'normal';
  const [onlyLabel, ...otherLabels] = candidate.anomalyLabelIds;
  if (onlyLabel === undefined) return 'anomaly';
  return otherLabels.length === 0 ? `label:${onlyLabel}` : 'multi-label';
}

/** Every stratum of two or more images keeps at least one image on each side; a single image trains. */
export function testCountForStratum(stratumSize: number, testShare: number): number {
  if (stratumSize < 2) return 0;
  return Math.min(stratumSize - 1, Math.max(1, Math.round(stratumSize * testShare)));
}

/** Code-unit order, so the result does not depend on the runtime's locale. */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function splitDataset(candidates: readonly SplitCandidate[], seed: number, testShare = defaultTestShare): DatasetSplit {
  if (!(testShare > 0 && testShare < 1)) throw new RangeError(`testShare must be between 0 and 1, got ${testShare}`);
  const strata = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (seen.has(candidate.id)) throw new RangeError(`Image ${candidate.id} is listed twice`);
    seen.add(candidate.id);
    const key = stratumOf(candidate);
    const members = strata.get(key);
    if (members) members.push(candidate.id);
    else strata.set(key, [candidate.id]);
  }
  const trainIds: string[] = [];
  const testIds: string[] = [];
  [...strata.keys()].sort(byCodeUnits).forEach((key, stratumIndex) => {
    const members = strata.get(key)!.sort(byCodeUnits);
    shuffleInPlace(members, new Random(deriveSeed(seed, stratumIndex)));
    const testCount = testCountForStratum(members.length, testShare);
    testIds.push(...members.slice(0, testCount));
    trainIds.push(...members.slice(testCount));
  });
  return { seed, testShare, trainIds: trainIds.sort(byCodeUnits), testIds: testIds.sort(byCodeUnits) };
}

/** Fisher–Yates. */
function shuffleInPlace(items: string[], random: Random): void {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = random.int(0, index);
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
}
