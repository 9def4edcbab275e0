// Whether the browser has a network connection, following its online/offline events. The app works
// without one; the header says so, so nobody waits for something that needs the network.
import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

export function useNetworkOnline(): boolean {
  return useSyncExternalStore(subscribe, () => navigator.onLine);
}
