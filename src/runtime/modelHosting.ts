// Model hosting, page side: a project's trained versions, the runtime status of one, starting and stopping
// it (spec §4.3: StartModel returns STARTING, then DescribeModel is polled until RUNNING), and starting
// again at app start the models a reload or a closed app left hosted. Used by the models page, trial jobs
// and the camera (moved from camera/).
import { useCallback, useEffect, useState } from 'react';
import { detectionWorker } from '../app/workers';
import { useStoredData } from '../app/useStoredData';
import { listTrainedModels } from '../storage/modelFiles';
import { liveLockNames, modelVersionLockName } from '../storage/liveLocks';
import { settleLeftHosting } from '../storage/modelVersions';
import { openSpotcheckDb } from '../storage/db';
import { importCheckRefusal } from '../domain/evaluation/importCheck';
import { DB_NAME } from '../storage/schema';
import { subscribeToStoreChanges } from '../storage/storeChanges';
import type { ModelDescription } from '../contracts/detectionWorkerApi';
import type { ModelVersion } from '../domain/types';

const startPollIntervalMs = 200;

/** A trained version and the component name the runtime knows it by. */
export interface TrainedModel {
  modelComponent: string;
  version: ModelVersion;
}

/** Trained versions of one project, newest first. */
export function useProjectModels(projectId: string) {
  return useStoredData<TrainedModel[]>(
    ['projects', 'modelVersions'],
    async (db) => (await listTrainedModels(db)).filter(({ version }) => version.projectId === projectId).sort((a, b) => b.version.version - a.version.version),
    [projectId],
  );
}

export function describeModel(modelComponent: string): Promise<ModelDescription> {
  return detectionWorker.run((api) => api.describeModel(modelComponent));
}

/**
 * Starts the model and resolves once it is RUNNING; rejects with the runtime's reason otherwise.
 * An imported version whose re-run on its test images disagreed with its evaluation is refused first.
 * `onStarting` runs once StartModel has answered STARTING (the version is then STARTING_HOSTING).
 */
export async function startModelAndWait(modelComponent: string, onStarting?: () => void): Promise<ModelDescription> {
  const stored = (await listTrainedModels(await openSpotcheckDb())).find((model) => model.modelComponent === modelComponent);
  const refusal = stored && importCheckRefusal(stored.version);
  if (refusal) throw refusal;
  await detectionWorker.run((api) => api.startModel(modelComponent));
  onStarting?.();
  for (;;) {
    const description = await describeModel(modelComponent);
    if (description.status !== 'STARTING') return description;
    await new Promise((resolve) => setTimeout(resolve, startPollIntervalMs));
  }
}

/** Resolves once the model is STOPPED (spec §4.3 StopModel); its session and hosting lock are released. */
export async function stopModel(modelComponent: string): Promise<void> {
  await detectionWorker.run((api) => api.stopModel(modelComponent));
}

/**
 * Starts, one after another, the versions recovered as left hosted (storage's recoverModelVersionsAfterRestart).
 * Each shows STARTING_HOSTING while it loads, then HOSTED, or HOSTING_FAILED with the runtime's reason.
 */
export async function hostAgain(modelVersionIds: readonly string[], db: Parameters<typeof listTrainedModels>[0]): Promise<void> {
  if (modelVersionIds.length === 0) return;
  const trained = await listTrainedModels(db);
  const failures: unknown[] = [];
  for (const id of modelVersionIds) {
    const model = trained.find(({ version }) => version.id === id);
    // One that cannot start does not keep the others from starting; one refused before its start was
    // recorded still has the status its closed tab left, set straight here unless a tab hosts it now.
    if (model)
      await startModelAndWait(model.modelComponent).catch(async (error: unknown) => {
        failures.push(error);
        if (!(await liveLockNames()).has(modelVersionLockName(id))) await settleLeftHosting(db, id);
      });
  }
  if (failures.length > 0) throw failures[0];
}

/**
 * The runtime status of `modelComponent` (null while unknown), re-read on `refresh` and whenever a model
 * version's stored status changes (a start from another page, a trial job starting it, the start at app
 * start), so every page agrees.
 */
export function useModelDescription(modelComponent: string | null) {
  const [description, setDescription] = useState<ModelDescription | null>(null);
  const [revision, setRevision] = useState(0);
  const refresh = useCallback(() => setRevision((value) => value + 1), []);
  useEffect(() => subscribeToStoreChanges(DB_NAME, ['modelVersions'], refresh), [refresh]);
  useEffect(() => {
    let current = true;
    // A re-read keeps the status shown until the new one arrives; another model starts from unknown.
    setDescription((shown) => (shown?.model_component === modelComponent ? shown : null));
    if (modelComponent) {
      describeModel(modelComponent).then(
        (found) => current && setDescription(found),
        (error: unknown) =>
          current &&
          setDescription({ model_component: modelComponent, status: 'FAILED', status_message: error instanceof Error ? error.message : String(error) }),
      );
    }
    return () => {
      current = false;
    };
  }, [modelComponent, revision]);
  return { description, refresh, setDescription };
}
