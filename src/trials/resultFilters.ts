// Which trial results the gallery shows and in what order (spec §7, item 6: filters by prediction,
// label and verification state, sort by confidence). Pure, so the rules are tested without a page.
import type { TrialResult } from '../domain/types';

export type PredictionFilter = 'all' | 'anomaly' | 'normal' | 'unreadable' | 'pending';
export type VerificationFilter = 'all' | 'unverified' | 'correct' | 'incorrect';
export type ResultSort = 'order' | 'confidenceDesc' | 'confidenceAsc' | 'scoreDesc';

export interface ResultFilters {
  prediction: PredictionFilter;
  verification: VerificationFilter;
  /** A project label id the prediction (or correction) must hold, or null for any. */
  labelId: string | null;
  sort: ResultSort;
}

export const defaultResultFilters: ResultFilters = { prediction: 'all', verification: 'all', labelId: null, sort: 'order' };

function predictionState(result: TrialResult): Exclude<PredictionFilter, 'all'> {
  if (result.error !== null) return 'unreadable';
  if (!result.prediction) return 'pending';
  return result.prediction.isAnomalous ? 'anomaly' : 'normal';
}

function labelIdsOf(result: TrialResult): string[] {
  return result.correction?.labelIds ?? result.prediction?.labelIds ?? [];
}

const bySort: Record<ResultSort, (a: TrialResult, b: TrialResult) => number> = {
  order: (a, b) => a.position - b.position,
  // Unjudged results have no confidence: they go last either way.
  confidenceDesc: (a, b) => (b.prediction?.confidence ?? -1) - (a.prediction?.confidence ?? -1) || a.position - b.position,
  confidenceAsc: (a, b) => (a.prediction?.confidence ?? 2) - (b.prediction?.confidence ?? 2) || a.position - b.position,
  scoreDesc: (a, b) => (b.prediction?.score ?? -1) - (a.prediction?.score ?? -1) || a.position - b.position,
};

export function filterResults(results: readonly TrialResult[], filters: ResultFilters): TrialResult[] {
  return results
    .filter((result) => filters.prediction === 'all' || predictionState(result) === filters.prediction)
    .filter((result) => filters.verification === 'all' || (result.verification ?? 'unverified') === filters.verification)
    .filter((result) => filters.labelId === null || labelIdsOf(result).includes(filters.labelId))
    .sort(bySort[filters.sort]);
}

/** How many results each prediction and verification filter would show, for the filter chips. */
export function filterCounts(results: readonly TrialResult[]): Record<Exclude<PredictionFilter, 'all'> | Exclude<VerificationFilter, 'all'>, number> {
  const counts = { anomaly: 0, normal: 0, unreadable: 0, pending: 0, unverified: 0, correct: 0, incorrect: 0 };
  for (const result of results) {
    counts[predictionState(result)] += 1;
    counts[result.verification ?? 'unverified'] += 1;
  }
  return counts;
}
