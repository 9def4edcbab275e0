// "Create demo project": renders the synthetic images in the demo worker, then stores the whole
// project in one transaction, so a cancelled or failed run leaves nothing behind.
import { demoWorker } from '../app/workers';
import { demoProject, nextDemoProjectName } from '../domain/demoProject';
import { SYNTHETIC_DEFECTS } from '../syntheticImages';
import type { Project } from '../domain/types';
import { openSpotcheckDb } from '../storage/db';
import { writeNewProject } from '../storage/importProject';
import { listProjects } from '../storage/projects';
import { proxy } from '../../workers/bridge';

export async function createDemoProject(onProgress: (done: number, total: number) => void, signal: AbortSignal): Promise<Project> {
  const images = await demoWorker.run((api) => api.generateDemoImages(proxy(onProgress)), signal);
  signal.throwIfAborted();
  const db = await openSpotcheckDb();
  const name = nextDemoProjectName((await listProjects(db)).map((project) => project.name));
  const { width, height } = demoProject;
  return writeNewProject(db, {
    name,
    imageSize: { width, height },
    modelType: 'segmentation',
    labels: SYNTHETIC_DEFECTS.map(({ name: labelName, color }) => ({ name: labelName, color })),
    datasets: [
      {
        type: 'train',
        entries: images.map((image) => ({
          sourceRef: image.sourceRef,
          image: new Blob([image.png as Uint8Array<ArrayBuffer>], { type: 'image/png' }),
          width,
          height,
          classification: image.classification,
          labelNames: image.labelNames,
          humanAnnotated: true,
          jobName: 'spotcheck-demo',
          ...(image.maskPng ? { mask: new Blob([image.maskPng as Uint8Array<ArrayBuffer>], { type: 'image/png' }) } : {}),
        })),
      },
    ],
  });
}
