// The gallery's pure rules: filters to storage queries, selection toggles and shift-ranges, and
// the windowing arithmetic that keeps 5,000 images down to a few rendered rows.
import { describe, expect, it } from 'vitest';
import { countFor, labelFilter, queryFiltersFor } from '../../src/datasets/gallery/filters';
import { toggled, withRange } from '../../src/datasets/gallery/selection';
import { columnsFor, visibleRows } from '../../src/datasets/gallery/windowing';
import type { EntryFilterCounts } from '../../src/storage/entries';

describe('gallery filters', () => {
  it('turn each chip into the storage query it stands for', () => {
    expect(queryFiltersFor('all')).toEqual({});
    expect(queryFiltersFor('normal')).toEqual({ classification: 'normal' });
    expect(queryFiltersFor('unlabeled')).toEqual({ classification: 'unlabeled' });
    expect(queryFiltersFor('missingMask')).toEqual({ classification: 'anomaly', hasMask: false });
    expect(queryFiltersFor(labelFilter('label-7'))).toEqual({ labelId: 'label-7' });
  });

  it('ask storage for classified entries for Labeled', () => {
    expect(queryFiltersFor('labeled')).toEqual({ classification: 'labeled' });
    expect(queryFiltersFor('all')).toEqual({});
  });

  it('read chip counts, 0 for a label no image uses', () => {
    const counts: EntryFilterCounts = { all: 5, labeled: 4, unlabeled: 1, normal: 2, anomaly: 2, missingMask: 1, byLabel: { dent: 3 } };
    expect(countFor('missingMask', counts)).toBe(1);
    expect(countFor(labelFilter('dent'), counts)).toBe(3);
    expect(countFor(labelFilter('gone'), counts)).toBe(0);
  });
});

describe('gallery selection', () => {
  const ids = ['a', 'b', 'c', 'd', 'e'];

  it('toggles one image without touching the others', () => {
    const once = toggled(new Set(['a']), 'c');
    expect([...once]).toEqual(['a', 'c']);
    expect([...toggled(once, 'a')]).toEqual(['c']);
  });

  it('adds the range between anchor and clicked image, in either direction', () => {
    expect([...withRange(new Set(), ids, 1, 3)].sort()).toEqual(['b', 'c', 'd']);
    expect([...withRange(new Set(['e']), ids, 3, 0)].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('gallery windowing', () => {
  const tileWidthPx = 180;
  const gapPx = 12;
  const rowHeightPx = 232;

  it('fits as many columns as the width allows, at least one', () => {
    expect(columnsFor(0, tileWidthPx, gapPx)).toBe(1);
    expect(columnsFor(948, tileWidthPx, gapPx)).toBe(5); // 5 tiles and 4 gaps
    expect(columnsFor(947, tileWidthPx, gapPx)).toBe(4);
  });

  it('renders only the rows on screen plus overscan, even for 5,000 images', () => {
    const rowCount = Math.ceil(5000 / 5);
    const overscanRows = 2;
    expect(visibleRows(0, 480, rowHeightPx, rowCount, overscanRows)).toEqual({ firstRow: 0, endRow: 6 });
    const middle = visibleRows(500, 480, rowHeightPx, rowCount, overscanRows);
    expect(middle).toEqual({ firstRow: 498, endRow: 506 });
    expect(visibleRows(999, 480, rowHeightPx, rowCount, overscanRows)).toEqual({ firstRow: 997, endRow: 1000 });
    expect(visibleRows(0, 480, rowHeightPx, 0, overscanRows)).toEqual({ firstRow: 0, endRow: 0 });
  });
});
