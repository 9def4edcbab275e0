// The label counts of one dataset that model-type and training-readiness rules read (spec §1.3, §5).
import type { DatasetType } from '../types';

export interface DatasetLabelSummary {
  type: DatasetType;
  normal: number;
  /** Masked anomalous images whose mask carries exactly this one label: the ones that count (§5). */
  anomalyByLabel: ReadonlyMap<string, number>;
  /** Masked anomalous images with several labels, counted under each label they carry. */
  multiLabelByLabel: ReadonlyMap<string, number>;
  /** Masked anomalous images with several labels, each counted once. */
  multiLabel: number;
  anomalousWithoutMask: number;
  unlabeled: number;
}

export function maskedAnomalous(summary: DatasetLabelSummary): number {
  let total = summary.multiLabel;
  for (const count of summary.anomalyByLabel.values()) total += count;
  return total;
}

export function allAnomalous(summary: DatasetLabelSummary): number {
  return maskedAnomalous(summary) + summary.anomalousWithoutMask;
}

/** Labels carried by at least one image of the dataset. */
export function labelsInUse(summary: DatasetLabelSummary): string[] {
  const labels = new Set<string>();
  for (const map of [summary.anomalyByLabel, summary.multiLabelByLabel]) {
    for (const [label, count] of map) if (count > 0) labels.add(label);
  }
  return [...labels];
}
