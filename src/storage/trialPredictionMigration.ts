// Schema v4: trial results written before the one prediction type kept `anomalyScore` / `anomalyThreshold`
// and label areas by name and colour at detection time. They become `score` / `threshold` and label areas
// by label index, so they are drawn with each label's current name and colour like new results.
import type { IDBPTransaction } from 'idb';
import type { LabelArea } from '../contracts/prediction';
import type { AnomalyLabel, TrialPrediction } from '../domain/types';
import type { SpotcheckDB, StoreName } from './schema';

interface LegacyTrialPrediction extends Omit<TrialPrediction, 'score' | 'threshold' | 'labelAreas'> {
  anomalyScore: number;
  anomalyThreshold: number;
  labelAreas: { label: string; color: string; area: number }[];
}

function isLegacy(prediction: unknown): prediction is LegacyTrialPrediction {
  return typeof prediction === 'object' && prediction !== null && 'anomalyScore' in prediction;
}

/**
 * A name was matched to the project label of that name (ignoring case) when the result was recorded, so
 * the same match finds its index; an area whose label is gone (it had no pixels in the stored mask) is dropped.
 */
function migrated(legacy: LegacyTrialPrediction, labels: readonly AnomalyLabel[]): TrialPrediction {
  const { anomalyScore, anomalyThreshold, labelAreas, ...rest } = legacy;
  const byName = new Map(labels.map((label) => [label.name.toLowerCase(), label]));
  const areas = labelAreas.flatMap(({ label: name, area }): LabelArea[] => {
    const label = byName.get(name.toLowerCase());
    return label ? [{ index: label.index, name, area }] : [];
  });
  return { ...rest, score: anomalyScore, threshold: anomalyThreshold, labelAreas: areas };
}

/** Runs inside the upgrade transaction (IndexedDB requests only); any failure aborts the upgrade. */
export async function migrateTrialPredictions(transaction: IDBPTransaction<SpotcheckDB, StoreName[], 'versionchange'>): Promise<void> {
  const labels = await transaction.objectStore('anomalyLabels').getAll();
  let cursor = await transaction.objectStore('trialResults').openCursor();
  while (cursor) {
    const result = cursor.value;
    if (isLegacy(result.prediction)) {
      await cursor.update({
        ...result,
        prediction: migrated(
          result.prediction,
          labels.filter((label) => label.projectId === result.projectId),
        ),
      });
    }
    cursor = await cursor.continue();
  }
}
