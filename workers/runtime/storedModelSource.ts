// The detection runtime's models from IndexedDB: trained versions by model_component, their packaged
// files, the threshold in effect (kept in memory, re-read after a committed change to the versions, so a
// detection does no IndexedDB read), and hosting statuses written back to the version (spec §1.2).
import type { ModelVersion } from '../../src/domain/types';
import { findModelVersionByComponent, isTrainedStatus, listTrainedModels, readModelFile } from '../../src/storage/modelFiles';
import { setModelVersionStatus, settleLeftHosting } from '../../src/storage/modelVersions';
import type { SpotcheckDatabase } from '../../src/storage/schema';
import { subscribeToStoreChanges } from '../../src/storage/storeChanges';
import type { ModelSource, StoredModel } from './detectionRuntime';

function stored(modelComponent: string, version: ModelVersion): StoredModel {
  return { modelComponent, modelVersionId: version.id, status: version.status, statusMessage: version.statusMessage };
}

export function storedModelSource(openDb: () => Promise<SpotcheckDatabase>): ModelSource {
  const thresholds = thresholdCache();
  return {
    async list() {
      return (await listTrainedModels(await openDb())).map(({ modelComponent, version }) => stored(modelComponent, version));
    },
    async find(modelComponent) {
      const version = await findModelVersionByComponent(await openDb(), modelComponent);
      return version && isTrainedStatus(version.status) ? stored(modelComponent, version) : undefined;
    },
    async load(modelVersionId) {
      const files = await readModelFile(await openDb(), modelVersionId);
      if (!files) throw new Error('its model file is missing from storage');
      return files;
    },
    async currentThreshold(modelVersionId) {
      return thresholds.read(await openDb(), modelVersionId);
    },
    async recordStatus(modelVersionId, status, statusMessage = '') {
      const db = await openDb();
      // A new start goes on from a status a gone runtime left behind (settleLeftHosting).
      if (status === 'STARTING_HOSTING') await settleLeftHosting(db, modelVersionId, status);
      else await setModelVersionStatus(db, modelVersionId, status, statusMessage);
    },
  };
}

/**
 * The versions' thresholds in effect, read once and forgotten on every committed write to modelVersions
 * of that database (any tab or worker: storeChanges). A read that a change overtook is not kept.
 */
function thresholdCache() {
  const known = new Map<string, number | undefined>();
  let watched: { databaseName: string; unsubscribe: () => void } | null = null;
  let generation = 0;
  const forget = () => {
    generation += 1;
    known.clear();
  };
  return {
    async read(db: SpotcheckDatabase, modelVersionId: string): Promise<number | undefined> {
      if (watched?.databaseName !== db.name) {
        watched?.unsubscribe();
        forget();
        watched = { databaseName: db.name, unsubscribe: subscribeToStoreChanges(db.name, ['modelVersions'], forget) };
      }
      if (known.has(modelVersionId)) return known.get(modelVersionId);
      const readIn = generation;
      const threshold = (await db.get('modelVersions', modelVersionId))?.anomalyThreshold;
      if (readIn === generation) known.set(modelVersionId, threshold);
      return threshold;
    },
  };
}
