// A trained model version's decision threshold (spec §9 item 1): the user may move `anomalyThreshold`
// (what detection compares `anomaly_score` with; the runtime re-reads it for every detection) and
// restore the calibrated `trainedAnomalyThreshold`, which is never changed.
import type { IDBPDatabase } from 'idb';
import { UserFacingError } from '../domain/errors';
import type { ModelVersion } from '../domain/types';
import type { SpotcheckDB } from './schema';
import { writeTransaction } from './transaction';

/** `anomaly_score` is normalised to 0–1, so a threshold outside that range would decide every image alike. */
function assertThresholdInRange(threshold: number): void {
  if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    throw new UserFacingError('model.thresholdOutOfRange', { threshold: String(threshold) });
  }
}

/** One transaction: the version's threshold becomes `thresholdOf(version)`; refused for a version never trained. */
function updateThreshold(
  db: IDBPDatabase<SpotcheckDB>,
  versionId: string,
  thresholdOf: (version: ModelVersion & { trainedAnomalyThreshold: number }) => number,
): Promise<ModelVersion> {
  return writeTransaction(db, ['modelVersions'], async (transaction) => {
    const store = transaction.objectStore('modelVersions');
    const version = await store.get(versionId);
    if (!version) throw new UserFacingError('model.notFound');
    const { trainedAnomalyThreshold } = version;
    if (trainedAnomalyThreshold === undefined) throw new UserFacingError('model.thresholdNotTrained', { version: version.version });
    const updated: ModelVersion = { ...version, anomalyThreshold: thresholdOf({ ...version, trainedAnomalyThreshold }) };
    await store.put(updated);
    return updated;
  });
}

/** Saves `threshold` (0–1) as the one detection uses from now on; the trained threshold is kept. */
export async function setModelThreshold(db: IDBPDatabase<SpotcheckDB>, versionId: string, threshold: number): Promise<ModelVersion> {
  assertThresholdInRange(threshold);
  return updateThreshold(db, versionId, () => threshold);
}

/** Detection goes back to the threshold training calibrated. */
export async function restoreTrainedThreshold(db: IDBPDatabase<SpotcheckDB>, versionId: string): Promise<ModelVersion> {
  return updateThreshold(db, versionId, (version) => version.trainedAnomalyThreshold);
}
