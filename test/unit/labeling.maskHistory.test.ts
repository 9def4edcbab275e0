// Undo/redo over mask snapshots: edits, no-op edits, undo/redo order, a new edit dropping the
// redo branch, and the bound on kept steps.
import { describe, expect, it } from 'vitest';
import { editHistory, maxUndoSteps, redoHistory, startHistory, undoHistory } from '../../src/labeling/maskHistory';

const setFirst = (value: number) => (present: Uint8Array) => (present[0] === value ? null : Uint8Array.of(value, ...present.slice(1)));

describe('mask history', () => {
  it('undoes and redoes edits in order', () => {
    let history = startHistory(Uint8Array.of(0, 0));
    history = editHistory(history, setFirst(1));
    history = editHistory(history, setFirst(2));
    expect([...history.present]).toEqual([2, 0]);
    history = undoHistory(history);
    expect([...history.present]).toEqual([1, 0]);
    history = undoHistory(history);
    expect([...history.present]).toEqual([0, 0]);
    expect(undoHistory(history)).toBe(history);
    history = redoHistory(redoHistory(history));
    expect([...history.present]).toEqual([2, 0]);
    expect(redoHistory(history)).toBe(history);
  });

  it('records no step for an edit that changes nothing', () => {
    const history = editHistory(startHistory(Uint8Array.of(0, 0)), setFirst(1));
    expect(editHistory(history, setFirst(1))).toBe(history);
  });

  it('drops the redo branch on a new edit', () => {
    let history = editHistory(editHistory(startHistory(Uint8Array.of(0, 0)), setFirst(1)), setFirst(2));
    history = editHistory(undoHistory(history), setFirst(3));
    expect([...history.present]).toEqual([3, 0]);
    expect(history.future).toEqual([]);
    expect(history.past.map((state) => state[0])).toEqual([0, 1]);
  });

  it(`keeps at most ${maxUndoSteps} undo steps, dropping the oldest`, () => {
    let history = startHistory(Uint8Array.of(0));
    for (let value = 1; value <= maxUndoSteps + 5; value++) history = editHistory(history, setFirst(value));
    expect(history.past).toHaveLength(maxUndoSteps);
    // States 0…4 fell off: the oldest kept is 5, the present is 45.
    expect(history.past[0]![0]).toBe(5);
    expect(history.present[0]).toBe(maxUndoSteps + 5);
  });
});
