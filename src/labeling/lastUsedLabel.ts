// The anomaly label last picked in each project's annotator, kept for this app session so the next image
// opens with it when it has no label of its own (labelTracking.ts preselectedLabel).
import { create } from 'zustand';

interface LastUsedLabelState {
  byProject: Readonly<Record<string, string>>;
  remember(projectId: string, labelId: string): void;
}

export const useLastUsedLabel = create<LastUsedLabelState>()((set) => ({
  byProject: {},
  remember: (projectId, labelId) => set((state) => ({ byProject: { ...state.byProject, [projectId]: labelId } })),
}));
