// Which label each mask index means while labels are added and deleted elsewhere: a deleted label
// keeps its painted pixels (and is reported) until they are erased or the label is added again.
import { describe, expect, it } from 'vitest';
import type { AnomalyLabel } from '../../src/domain/types';
import { deletedLabelsInMask, paintableLabels, preselectedLabel, reconcileLabels } from '../../src/labeling/labelTracking';

const label = (id: string, name: string, index: number, color = '#123456'): AnomalyLabel => ({ id, projectId: 'p', name, color, index });
const scratch = label('s', 'scratch', 1);
const crack = label('c', 'crack', 2);
const burr = label('b', 'burr', 2);
const crackAgain = label('c2', 'Crack', 2);

const known = (...labels: AnomalyLabel[]) => new Map(labels.map((each) => [each.index, each]));
const indices = (...values: number[]) => new Set(values);

describe('reconcileLabels', () => {
  it('learns the current labels and returns the same map when a re-read changes nothing', () => {
    const first = reconcileLabels(new Map(), [scratch, crack], indices());
    expect(first).toEqual(known(scratch, crack));
    expect(reconcileLabels(first, [{ ...scratch }, { ...crack }], indices(1))).toBe(first);
  });

  it('takes a rename or recolour', () => {
    const renamed = { ...crack, name: 'fissure', color: '#ff0000' };
    expect(reconcileLabels(known(scratch, crack), [scratch, renamed], indices(2)).get(2)).toEqual(renamed);
  });

  it("keeps a deleted label's index while its pixels remain, even when a new label takes that index", () => {
    const reconciled = reconcileLabels(known(scratch, crack), [scratch, burr], indices(1, 2));
    expect(reconciled.get(2)).toBe(crack);
    expect(deletedLabelsInMask(reconciled, [scratch, burr], indices(1, 2))).toEqual([crack]);
    expect(paintableLabels(reconciled, [scratch, burr])).toEqual([scratch]);
  });

  it('gives the index to the new label once the deleted label’s pixels are erased', () => {
    const reconciled = reconcileLabels(known(scratch, crack), [scratch, burr], indices(1));
    expect(reconciled.get(2)).toBe(burr);
    expect(deletedLabelsInMask(reconciled, [scratch, burr], indices(1))).toEqual([]);
    expect(paintableLabels(reconciled, [scratch, burr])).toEqual([scratch, burr]);
  });

  it('lets a label of the same name, added again, adopt the pixels', () => {
    const reconciled = reconcileLabels(known(scratch, crack), [scratch, crackAgain], indices(1, 2));
    expect(reconciled.get(2)).toBe(crackAgain);
    expect(deletedLabelsInMask(reconciled, [scratch, crackAgain], indices(1, 2))).toEqual([]);
  });
});

describe('deletedLabelsInMask', () => {
  it('lists deleted labels that still have pixels, by index, and nothing for unused ones', () => {
    const map = known(scratch, crack, label('d', 'dent', 3));
    expect(deletedLabelsInMask(map, [], indices(3, 1))).toEqual([scratch, label('d', 'dent', 3)]);
    expect(deletedLabelsInMask(map, [scratch], indices(1))).toEqual([]);
  });
});

describe('preselectedLabel', () => {
  const dent = label('d', 'dent', 3);
  it("picks the image's own label, not the project's first", () => {
    expect(preselectedLabel([scratch, crack, dent], ['d'], null)).toBe(dent);
    expect(preselectedLabel([scratch, crack, dent], ['d', 'c'], 's')).toBe(crack);
  });

  it('falls back to the label last used, then to the first label, and to none without labels', () => {
    expect(preselectedLabel([scratch, crack, dent], [], 'c')).toBe(crack);
    expect(preselectedLabel([scratch, crack, dent], [], 'deleted')).toBe(scratch);
    expect(preselectedLabel([], ['d'], 'd')).toBeNull();
  });
});
