// The editor's mask with undo/redo: the pure steps of maskHistory.ts held in React state.
import { useCallback, useState } from 'react';
import { editHistory, redoHistory, startHistory, undoHistory } from './maskHistory';

export function useMaskHistory(initial: () => Uint8Array) {
  const [history, setHistory] = useState(() => startHistory(initial()));
  const edit = useCallback((change: (present: Uint8Array) => Uint8Array | null) => setHistory((state) => editHistory(state, change)), []);
  const undo = useCallback(() => setHistory(undoHistory), []);
  const redo = useCallback(() => setHistory(redoHistory), []);
  return { pixels: history.present, canUndo: history.past.length > 0, canRedo: history.future.length > 0, edit, undo, redo };
}
