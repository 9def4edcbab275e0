// "Capture into a trial job": the region of interest becomes a new one-image trial detection job on
// the chosen model version (checked and hashed by the import worker like any picked image), and the
// job starts running, so the capture can be verified and added to a dataset from the Trials tab.
import { proxy } from '../../workers/bridge';
import { importWorker } from '../app/workers';
import { issueToError } from '../domain/rules/issues';
import type { ImageSize, TrialJob } from '../domain/types';
import type { SpotcheckDatabase } from '../storage/schema';
import { createTrialJob } from '../storage/trialJobs';
import { trialJobRuns } from '../runtime/trialJobRuns';

export interface TrialCapture {
  projectId: string;
  projectSize: ImageSize;
  modelVersionId: string;
  frame: Blob;
}

export async function captureToTrialJob(db: SpotcheckDatabase, capture: TrialCapture): Promise<TrialJob> {
  const stamp = new Date()
    .toISOString()
    .replaceAll(':', '-')
    .replace(/\.\d+Z$/, '');
  const fileName = `capture-${stamp}.png`;
  const prepared = await importWorker.run((api) =>
    api.prepareImport(
      { files: [{ path: fileName, blob: capture.frame }], projectSize: capture.projectSize, existingLabels: [] },
      proxy(() => undefined),
    ),
  );
  const problem = prepared.errors[0] ?? prepared.skipped[0];
  if (problem) throw issueToError(problem);
  const { contentHash, image, thumbnail, width, height } = prepared.items[0]!;
  const job = await createTrialJob(db, {
    projectId: capture.projectId,
    name: `camera-${stamp}`,
    modelVersionId: capture.modelVersionId,
    images: [{ fileName, contentHash, image, ...(thumbnail ? { thumbnail } : {}), width, height }],
  });
  void trialJobRuns.start(job.id);
  return job;
}
