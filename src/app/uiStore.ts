// UI-only state (zustand). Stored data lives in IndexedDB; here are only transient flags:
// the offline/update status, notices shown to the user, and a revision counter that tells
// views to re-read IndexedDB after a change (in this tab or another one).
import { create } from 'zustand';
import { describeError } from '../i18n';

export interface Notice {
  id: number;
  tone: 'error' | 'info';
  text: string;
}

interface UiState {
  offlineReady: boolean;
  updateAvailable: boolean;
  applyUpdate: (() => void) | null;
  notices: Notice[];
  dataRevision: number;
  setOfflineReady(): void;
  setUpdateAvailable(applyUpdate: () => void): void;
  showError(error: unknown): void;
  showInfo(text: string): void;
  dismissNotice(id: number): void;
  dataChanged(): void;
}

let nextNoticeId = 1;
const dataChannel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('spotcheck-data');

export const useUiStore = create<UiState>()((set) => ({
  offlineReady: false,
  updateAvailable: false,
  applyUpdate: null,
  notices: [],
  dataRevision: 0,
  setOfflineReady: () => set({ offlineReady: true }),
  setUpdateAvailable: (applyUpdate) => set({ updateAvailable: true, applyUpdate }),
  showError: (error) => {
    if (error instanceof DOMException && error.name === 'AbortError') return;
    set((state) => ({ notices: [...state.notices, { id: nextNoticeId++, tone: 'error', text: describeError(error) }] }));
  },
  showInfo: (text) => set((state) => ({ notices: [...state.notices, { id: nextNoticeId++, tone: 'info', text }] })),
  dismissNotice: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
  dataChanged: () => {
    dataChannel?.postMessage('changed');
    set((state) => ({ dataRevision: state.dataRevision + 1 }));
  },
}));

dataChannel?.addEventListener('message', () => useUiStore.setState((state) => ({ dataRevision: state.dataRevision + 1 })));
