// The threshold histogram's bins counted on hand-made scores: edges, the closing bin, clamping and bad bin counts.
import { describe, expect, it } from 'vitest';
import type { TestImageResult } from '../../src/contracts/evaluation';
import { scoreHistogram } from '../../src/domain/evaluation/scoreHistogram';

function image(score: number, actual: TestImageResult['actual']): TestImageResult {
  return { entryId: `${actual}-${score}`, actual, prediction: { score } } as TestImageResult;
}

describe('scoreHistogram', () => {
  it('counts normal and anomalous scores per bin, a lower edge in its own bin and 1 in the last', () => {
    const images = [image(0, 'normal'), image(0.24, 'normal'), image(0.25, 'normal'), image(0.5, 'anomaly'), image(0.74, 'anomaly'), image(1, 'anomaly')];
    expect(scoreHistogram(images, 4)).toEqual([
      { from: 0, to: 0.25, normal: 2, anomalous: 0 },
      { from: 0.25, to: 0.5, normal: 1, anomalous: 0 },
      { from: 0.5, to: 0.75, normal: 0, anomalous: 2 },
      { from: 0.75, to: 1, normal: 0, anomalous: 1 },
    ]);
  });

  it('keeps scores outside 0–1 in the edge bins and defaults to ten bins', () => {
    const bins = scoreHistogram([image(-0.2, 'normal'), image(1.3, 'anomaly'), image(0.55, 'normal')]);
    expect(bins).toHaveLength(10);
    expect(bins.map(({ normal, anomalous }) => [normal, anomalous])).toEqual([
      [1, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [1, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 1],
    ]);
  });

  it('refuses a bin count that is not a positive whole number', () => {
    expect(() => scoreHistogram([], 0)).toThrow('A histogram needs a whole number of bins, not 0');
    expect(() => scoreHistogram([], 2.5)).toThrow(RangeError);
  });
});
