// The `Performance` block stored on each model version (spec §3.4): image-level summary only.
import type { ClassificationSummary } from '../metrics';

export interface PerformanceJson {
  F1Score: number;
  Recall: number;
  Precision: number;
}

export function buildPerformance(summary: ClassificationSummary): PerformanceJson {
  return { F1Score: summary.f1, Recall: summary.recall, Precision: summary.precision };
}
