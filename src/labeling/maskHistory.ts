// Undo/redo over whole mask states, as pure steps: every finished stroke or shape pushes a
// label-index snapshot, so undo works the same whichever tool made the change.

/** Older states are dropped beyond this many, bounding memory on 4096×4096 images (16 MB each). */
export const maxUndoSteps = 40;

export interface MaskHistory {
  past: Uint8Array[];
  present: Uint8Array;
  future: Uint8Array[];
}

export function startHistory(present: Uint8Array): MaskHistory {
  return { past: [], present, future: [] };
}

/** Applies `change` to the present; a change returning null (nothing painted) is no step. */
export function editHistory(state: MaskHistory, change: (present: Uint8Array) => Uint8Array | null): MaskHistory {
  const next = change(state.present);
  return next ? { past: [...state.past, state.present].slice(-maxUndoSteps), present: next, future: [] } : state;
}

export function undoHistory(state: MaskHistory): MaskHistory {
  const previous = state.past.at(-1);
  return previous ? { past: state.past.slice(0, -1), present: previous, future: [state.present, ...state.future] } : state;
}

export function redoHistory(state: MaskHistory): MaskHistory {
  const [next, ...rest] = state.future;
  return next ? { past: [...state.past, state.present], present: next, future: rest } : state;
}
