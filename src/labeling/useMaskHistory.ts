// Undo/redo over whole mask states: every finished stroke or shape pushes a label-index snapshot,
// so undo works the same whichever tool made the change.
import { useCallback, useState } from 'react';

/** Older states are dropped beyond this many, bounding memory on 4096×4096 images (16 MB each). */
const maxUndoSteps = 40;

interface History {
  past: Uint8Array[];
  present: Uint8Array;
  future: Uint8Array[];
}

export function useMaskHistory(initial: () => Uint8Array) {
  const [history, setHistory] = useState<History>(() => ({ past: [], present: initial(), future: [] }));
  /** Applies `change` to the newest state; a change returning null (nothing painted) is no step. */
  const edit = useCallback(
    (change: (present: Uint8Array) => Uint8Array | null) =>
      setHistory((state) => {
        const next = change(state.present);
        return next ? { past: [...state.past, state.present].slice(-maxUndoSteps), present: next, future: [] } : state;
      }),
    [],
  );
  const undo = useCallback(
    () =>
      setHistory((state) => {
        const previous = state.past.at(-1);
        return previous ? { past: state.past.slice(0, -1), present: previous, future: [state.present, ...state.future] } : state;
      }),
    [],
  );
  const redo = useCallback(
    () =>
      setHistory((state) => {
        const [next, ...rest] = state.future;
        return next ? { past: [...state.past, state.present], present: next, future: rest } : state;
      }),
    [],
  );
  return { pixels: history.present, canUndo: history.past.length > 0, canRedo: history.future.length > 0, edit, undo, redo };
}
