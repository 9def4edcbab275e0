// The import check's comparison (spec §9 item 4): a packaged test result against a re-run score, hand-made.
import { describe, expect, it } from 'vitest';
import type { PackagedTestResult } from '../../src/contracts/importCheck';
import { compareTestResults, importCheckRefusal, importCheckScoreTolerance, matchTestImages } from '../../src/domain/evaluation/importCheck';
import { describeError } from '../../src/i18n';

const checkedAt = '2026-12-03T12:00:00.000Z';
const hashA = 'a'.repeat(64);
const hashB = 'b'.repeat(64);
const expected: PackagedTestResult[] = [
  { file: 'normal/1.png', contentHash: hashA, score: 0.2, threshold: 0.5, isAnomalous: false },
  { file: 'anomaly/2.png', contentHash: hashB, score: 0.8, threshold: 0.5, isAnomalous: true },
];

describe('import check comparison', () => {
  it('passes scores within the tolerance with equal verdicts', () => {
    const check = compareTestResults(expected, [0.2 + importCheckScoreTolerance / 2, 0.8 - importCheckScoreTolerance / 2], checkedAt);
    expect(check).toEqual({ checkedAt, images: 2, mismatches: [] });
    expect(importCheckRefusal({ version: 3, importCheck: check })).toBeUndefined();
  });

  it('reports a score beyond the tolerance, a flipped verdict and an image not judged, and refuses naming the first', () => {
    const flipped: PackagedTestResult = { file: 'edge.png', score: 0.49999, threshold: 0.5, isAnomalous: false };
    const check = compareTestResults([...expected, flipped], [0.2 + 3 * importCheckScoreTolerance, null, 0.50001], checkedAt);
    expect(check).toEqual({
      checkedAt,
      images: 3,
      mismatches: [
        { file: 'normal/1.png', expected: { score: 0.2, isAnomalous: false }, got: { score: 0.2 + 3 * importCheckScoreTolerance, isAnomalous: false } },
        { file: 'anomaly/2.png', expected: { score: 0.8, isAnomalous: true }, got: null },
        { file: 'edge.png', expected: { score: 0.49999, isAnomalous: false }, got: { score: 0.50001, isAnomalous: true } },
      ],
    });
    const message = describeError(importCheckRefusal({ version: 3, importCheck: check }));
    expect(message).toBe(
      'Model 3 does not give the results of the device it came from: on test image normal/1.png it scores 0.2003 here, its evaluation says 0.2000 (3 of 3 test images differ). Export the model again from the device it was trained on, or train it again here.',
    );
  });

  it('lets a skipped check start', () => {
    expect(importCheckRefusal({ version: 1, importCheck: { skipped: 'noTestImages' } })).toBeUndefined();
    expect(importCheckRefusal({ version: 1 })).toBeUndefined();
  });

  it('finds test images by content hash, by name only where a hash cannot tell', () => {
    const entries = [
      { id: 'renamed', sourceRef: 'elsewhere/1.png', contentHash: hashA },
      { id: 'other-picture', sourceRef: 'anomaly/2.png', contentHash: 'c'.repeat(64) },
      { id: 'unhashed', sourceRef: 'old.png' },
    ];
    const old: PackagedTestResult = { file: 'old.png', contentHash: 'd'.repeat(64), score: 0.1, threshold: 0.5, isAnomalous: false };
    expect(matchTestImages([...expected, old], entries).map(({ expected: result, entry }) => [result.file, entry.id])).toEqual([
      ['normal/1.png', 'renamed'],
      ['old.png', 'unhashed'],
    ]);
  });
});
