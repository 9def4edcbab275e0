// UI-only state (zustand). Stored data lives in IndexedDB (views learn of its changes from storage,
// see storage/storeChanges.ts); here are only transient flags: the offline/update status and
// notices shown to the user.
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
  setOfflineReady(): void;
  setUpdateAvailable(applyUpdate: () => void): void;
  showError(error: unknown): void;
  showInfo(text: string): void;
  dismissNotice(id: number): void;
}

let nextNoticeId = 1;

export const useUiStore = create<UiState>()((set) => ({
  offlineReady: false,
  updateAvailable: false,
  applyUpdate: null,
  notices: [],
  setOfflineReady: () => set({ offlineReady: true }),
  setUpdateAvailable: (applyUpdate) => set({ updateAvailable: true, applyUpdate }),
  showError: (error) => {
    if (error instanceof DOMException && error.name === 'AbortError') return;
    set((state) => ({ notices: [...state.notices, { id: nextNoticeId++, tone: 'error', text: describeError(error) }] }));
  },
  showInfo: (text) => set((state) => ({ notices: [...state.notices, { id: nextNoticeId++, tone: 'info', text }] })),
  dismissNotice: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
}));
