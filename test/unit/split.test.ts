// The single-dataset train/test split (spec §1.1): stratified, seeded, order-independent.
import { describe, expect, it } from 'vitest';
import { defaultTestShare, maxSplitSeed, parseSeedEntry, type SplitCandidate, splitDataset, stratumOf, testCountForStratum } from '../../src/domain/split';
import { Random } from '../../src/domain/random';

const normal = (id: string): SplitCandidate => ({ id, classification: 'normal', anomalyLabelIds: [] });
const anomaly = (id: string, ...labels: string[]): SplitCandidate => ({ id, classification: 'anomaly', anomalyLabelIds: labels });

function range(prefix: string, count: number, make: (id: string) => SplitCandidate): SplitCandidate[] {
  return Array.from({ length: count }, (_, index) => make(`${prefix}-${String(index).padStart(3, '0')}`));
}

/** 100 normal, 50 scratch, 50 dent, 5 multi-label: 20 % of each → 20 + 10 + 10 + 1 = 41 test images. */
const dataset = [
  ...range('n', 100, normal),
  ...range('s', 50, (id) => anomaly(id, 'scratch')),
  ...range('d', 50, (id) => anomaly(id, 'dent')),
  anomaly('m-0', 'scratch', 'dent'),
  anomaly('m-1', 'dent', 'scratch'),
  anomaly('m-2', 'scratch', 'crack'),
  anomaly('m-3', 'dent', 'crack'),
  anomaly('m-4', 'scratch', 'dent', 'crack'),
];

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = new Random(seed);
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = random.int(0, index);
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

const countWithPrefix = (ids: readonly string[], prefix: string): number => ids.filter((id) => id.startsWith(prefix)).length;

describe('stratumOf', () => {
  it('separates normal, unlabelled anomalies, each single label and all multi-label images', () => {
    expect(stratumOf(normal('a'))).toBe('normal');
    expect(stratumOf(anomaly('a'))).toBe('anomaly');
    expect(stratumOf(anomaly('a', 'dent'))).toBe('label:dent');
    expect(stratumOf(anomaly('a', 'dent', 'scratch'))).toBe('multi-label');
  });
});

describe('testCountForStratum', () => {
  it('rounds the share but keeps one image on each side of strata with two or more', () => {
    expect(testCountForStratum(0, 0.2)).toBe(0);
    expect(testCountForStratum(1, 0.2)).toBe(0);
    expect(testCountForStratum(2, 0.2)).toBe(1);
    expect(testCountForStratum(3, 0.2)).toBe(1);
    expect(testCountForStratum(8, 0.2)).toBe(2);
    expect(testCountForStratum(2, 0.9)).toBe(1);
    expect(testCountForStratum(10, 0.9)).toBe(9);
  });
});

describe('splitDataset', () => {
  it('holds out 20 % of every stratum by default and records seed and share', () => {
    const split = splitDataset(dataset, 1234);
    expect(defaultTestShare).toBe(0.2);
    expect(split.seed).toBe(1234);
    expect(split.testShare).toBe(0.2);
    expect(split.testIds).toHaveLength(41);
    expect(split.trainIds).toHaveLength(164);
    expect(countWithPrefix(split.testIds, 'n-')).toBe(20);
    expect(countWithPrefix(split.testIds, 's-')).toBe(10);
    expect(countWithPrefix(split.testIds, 'd-')).toBe(10);
    expect(countWithPrefix(split.testIds, 'm-')).toBe(1);
  });

  it('partitions the images, each list sorted', () => {
    const split = splitDataset(dataset, 99);
    const all = [...split.trainIds, ...split.testIds];
    expect(new Set(all).size).toBe(dataset.length);
    expect(all.sort()).toEqual(dataset.map((c) => c.id).sort());
    expect(split.trainIds).toEqual([...split.trainIds].sort());
    expect(split.testIds).toEqual([...split.testIds].sort());
  });

  it('gives the same split for the same images and seed in any order', () => {
    const reference = splitDataset(dataset, 42);
    expect(splitDataset(dataset, 42)).toEqual(reference);
    expect(splitDataset(shuffled(dataset, 1), 42)).toEqual(reference);
    expect(splitDataset([...dataset].reverse(), 42)).toEqual(reference);
  });

  it('gives a different split for another seed', () => {
    expect(splitDataset(dataset, 43).testIds).not.toEqual(splitDataset(dataset, 42).testIds);
  });

  it('spreads test images across the stratum over seeds instead of always taking the same ones', () => {
    const timesInTest = new Map<string, number>();
    for (let seed = 0; seed < 50; seed += 1) {
      for (const id of splitDataset(dataset, seed).testIds) timesInTest.set(id, (timesInTest.get(id) ?? 0) + 1);
    }
    // Each normal image has a 1/5 chance per seed: over 50 seeds every one should be drawn at least once.
    expect(range('n', 100, normal).every((c) => (timesInTest.get(c.id) ?? 0) > 0)).toBe(true);
  });

  it('keeps one image on each side of a two-image stratum and trains on a lone image', () => {
    const split = splitDataset([...range('n', 10, normal), anomaly('s-0', 'scratch'), anomaly('s-1', 'scratch'), anomaly('d-0', 'dent')], 5);
    expect(countWithPrefix(split.testIds, 's-')).toBe(1);
    expect(countWithPrefix(split.trainIds, 's-')).toBe(1);
    expect(split.trainIds).toContain('d-0');
    expect(countWithPrefix(split.testIds, 'n-')).toBe(2);
  });

  it('honours another test share', () => {
    const split = splitDataset(range('n', 40, normal), 3, 0.25);
    expect(split.testIds).toHaveLength(10);
    expect(split.testShare).toBe(0.25);
  });

  it('returns empty lists for no images', () => {
    expect(splitDataset([], 8)).toEqual({ seed: 8, testShare: 0.2, trainIds: [], testIds: [] });
  });

  it('refuses duplicate ids and a share outside (0, 1)', () => {
    expect(() => splitDataset([normal('a'), normal('a')], 1)).toThrow(RangeError);
    expect(() => splitDataset([normal('a')], 1, 0)).toThrow(RangeError);
    expect(() => splitDataset([normal('a')], 1, 1)).toThrow(RangeError);
    expect(() => splitDataset([normal('a')], 1, Number.NaN)).toThrow(RangeError);
  });
});

describe('parseSeedEntry', () => {
  it('reads nothing as a fresh draw and a whole number up to 2^32 - 1 as that seed', () => {
    expect(parseSeedEntry('')).toEqual({ kind: 'fresh' });
    expect(parseSeedEntry('   ')).toEqual({ kind: 'fresh' });
    expect(parseSeedEntry('0')).toEqual({ kind: 'seed', seed: 0 });
    expect(parseSeedEntry(' 20261121 ')).toEqual({ kind: 'seed', seed: 20261121 });
    expect(parseSeedEntry('4294967295')).toEqual({ kind: 'seed', seed: maxSplitSeed });
  });

  it('refuses what is not a seed a run could have drawn', () => {
    for (const text of ['4294967296', '99999999999', '-1', '1.5', '1e3', '0x10', '12 34', 'seven'])
      expect(parseSeedEntry(text), text).toEqual({ kind: 'invalid' });
  });
});
