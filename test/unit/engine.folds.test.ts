// Cross-validation folds: balanced, seeded, independent of the order the images are listed in.
import { describe, expect, it } from 'vitest';
import { assignFolds } from '../../workers/engine/training';

const ids = Array.from({ length: 10 }, (_, index) => `image-${index}`);

describe('assignFolds', () => {
  it('deals the ids into folds whose sizes differ by at most one', () => {
    const folds = assignFolds(ids, 3, 1);
    const sizes = [0, 1, 2].map((fold) => [...folds.values()].filter((value) => value === fold).length);
    expect(sizes.sort()).toEqual([3, 3, 4]);
  });

  it('depends on the seed but not on the order of the ids', () => {
    expect(assignFolds([...ids].reverse(), 3, 1)).toEqual(assignFolds(ids, 3, 1));
    const foldsById = (seed: number) => ids.map((id) => assignFolds(ids, 3, seed).get(id));
    expect(foldsById(2)).not.toEqual(foldsById(1));
  });

  it('refuses fewer than one fold', () => {
    expect(() => assignFolds(ids, 0, 1)).toThrow(RangeError);
  });
});
