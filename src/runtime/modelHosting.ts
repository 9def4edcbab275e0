// Model hosting, page side: a project's trained versions, the runtime status of one, starting and stopping
// it (spec §4.3: StartModel returns STARTING, then DescribeModel is polled until RUNNING). Used by the
// models page, trial jobs and the camera (moved from camera/).
import { useCallback, useEffect, useState } from 'react';
import { detectionWorker } from '../app/workers';
import { useStoredData } from '../app/useStoredData';
import { listTrainedModels } from '../storage/modelFiles';
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
 * `onStarting` runs once StartModel has answered STARTING (the version is then STARTING_HOSTING).
 */
export async function startModelAndWait(modelComponent: string, onStarting?: () => void): Promise<ModelDescription> {
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

/** The runtime status of `modelComponent` (null while unknown), re-read on `refresh`. */
export function useModelDescription(modelComponent: string | null) {
  const [description, setDescription] = useState<ModelDescription | null>(null);
  const [revision, setRevision] = useState(0);
  const refresh = useCallback(() => setRevision((value) => value + 1), []);
  useEffect(() => {
    let current = true;
    setDescription(null);
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
