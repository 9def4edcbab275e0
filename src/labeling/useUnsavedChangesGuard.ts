// Keeps unsaved annotation changes from being lost: in-app navigation to another page is held by
// a router blocker (the editor asks save, discard or stay) and closing or reloading the tab asks
// the browser's own question.
import { useEffect, useRef } from 'react';
import { useBlocker, type Blocker } from 'react-router';

export interface UnsavedChangesGuard {
  blocker: Blocker;
  /** Lets a navigation in the same event as a successful save through, before `dirty` re-renders. */
  markSaved(): void;
}

export function useUnsavedChangesGuard(dirty: boolean): UnsavedChangesGuard {
  // Read by the blocker at navigation time, after a save in the same event has cleared it.
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirtyRef.current && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    const warnOnUnload = (event: BeforeUnloadEvent) => dirtyRef.current && event.preventDefault();
    window.addEventListener('beforeunload', warnOnUnload);
    return () => window.removeEventListener('beforeunload', warnOnUnload);
  }, []);

  return {
    blocker,
    markSaved: () => {
      dirtyRef.current = false;
    },
  };
}
