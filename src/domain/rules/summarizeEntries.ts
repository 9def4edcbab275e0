// The label counts of a dataset (DatasetLabelSummary) from its stored entries, so readiness rules
// run on exactly what the gallery shows.
import type { AnomalyLabel, Dataset, DatasetEntry } from '../types';
import type { DatasetLabelSummary } from './datasetSummary';

type EntryLabels = Pick<DatasetEntry, 'classification' | 'anomalyLabelIds' | 'maskId'>;

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export function summarizeEntries(
  type: Dataset['type'],
  entries: readonly EntryLabels[],
  labels: readonly Pick<AnomalyLabel, 'id' | 'name'>[],
): DatasetLabelSummary {
  const nameById = new Map(labels.map((label) => [label.id, label.name]));
  const anomalyByLabel = new Map<string, number>();
  const multiLabelByLabel = new Map<string, number>();
  const summary = { type, normal: 0, multiLabel: 0, anomalousWithoutMask: 0, unlabeled: 0 };
  for (const entry of entries) {
    if (entry.classification === null) summary.unlabeled++;
    else if (entry.classification === 'normal') summary.normal++;
    else if (entry.maskId === null || entry.anomalyLabelIds.length === 0) summary.anomalousWithoutMask++;
    else {
      const names = entry.anomalyLabelIds.map((id) => nameById.get(id) ?? id);
      if (names.length === 1) increment(anomalyByLabel, names[0]!);
      else {
        summary.multiLabel++;
        for (const name of names) increment(multiLabelByLabel, name);
      }
    }
  }
  return { ...summary, anomalyByLabel, multiLabelByLabel };
}
