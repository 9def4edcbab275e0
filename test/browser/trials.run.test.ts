// Running trial detection jobs in Chromium with the real detection worker: a generated segmentation
// project is trained, a job is cancelled after its first image (STOPPED with the count), resumed to
// COMPLETED with the expected verdicts, the predicted masks stored as project label indices, and an
// unreadable file recorded on its result; a job no tab runs is marked interrupted, one that runs is not.
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { decodeLabelMaskPng, encodeRgbaPng } from '../../src/domain/png';
import { defectLabelIndex, generateSyntheticDataset } from '../../src/syntheticImages';
import type { ModelVersion, Project } from '../../src/domain/types';
import { runTraining } from '../../src/models/training/runTraining';
import { createModelVersion } from '../../src/storage/modelVersions';
import type { SpotcheckDB } from '../../src/storage/schema';
import { createTrialJob, listTrialResults, type TrialImage } from '../../src/storage/trialJobs';
import { recoverInterruptedTrialJobs, runTrialJob } from '../../src/trials/runTrialJob';
import { useSyntheticWorkerProject, workerProjectSide as side, workerTrainingTimeoutMs as trainingTimeoutMs } from './fixtures/workerProject';

const nobodyStarting = () => false;

let db: IDBPDatabase<SpotcheckDB>;
let project: Project;
let model: ModelVersion;

const unseen = [...generateSyntheticDataset({ seed: 999, width: side, height: side, normalCount: 2, perDefectCount: 2, defectTypes: ['missing-component'] })];

function trialImages(): TrialImage[] {
  const parts = unseen.map((item): TrialImage => ({
    fileName: item.fileName,
    contentHash: item.fileName,
    image: new Blob([encodeRgbaPng(item.sample.rgba, side, side) as Uint8Array<ArrayBuffer>], { type: 'image/png' }),
    width: side,
    height: side,
  }));
  return [...parts, { fileName: 'notes.txt', contentHash: 'notes', image: new Blob(['not an image']), width: side, height: side }];
}

useSyntheticWorkerProject('trial-parts', async (opened) => {
  ({ db, project } = opened);
  const version = await createModelVersion(db, project.id, { description: '', tags: [], idempotencyKey: 'trial-run' });
  model = await runTraining(db, version.id, { backend: 'wasm', seed: 5, segmentation: { maxEpochs: 2, batchSize: 8192 } });
});

describe('trial detection jobs', () => {
  it('stops when cancelled, resumes where it stopped, and stores every verdict and mask', { timeout: trainingTimeoutMs }, async () => {
    const job = await createTrialJob(db, { projectId: project.id, name: 'resumable', modelVersionId: model.id, images: trialImages() });
    const controller = new AbortController();
    const stopped = await runTrialJob(db, job.id, {
      signal: controller.signal,
      onProgress: ({ done }) => done >= 1 && controller.abort(),
    });
    expect(stopped).toMatchObject({ status: 'STOPPED', statusMessage: 'Cancelled after 1 of 5 images. Resume to judge the rest.' });
    expect((await listTrialResults(db, job.id)).filter((result) => result.prediction).length).toBe(1);

    const seen: number[] = [];
    const finished = await runTrialJob(db, job.id, { onProgress: ({ done }) => seen.push(done) });
    expect(finished).toMatchObject({ status: 'COMPLETED', statusMessage: '' });
    expect(seen[0]).toBe(1);
    expect(seen.at(-1)).toBe(5);

    const results = await listTrialResults(db, job.id);
    const index = defectLabelIndex('missing-component');
    for (const [i, item] of unseen.entries()) {
      const result = results[i]!;
      expect(result.prediction?.isAnomalous, item.fileName).toBe(item.classification === 'anomaly');
      expect(result.prediction!.confidence).toBeGreaterThanOrEqual(0.5);
      // The model's label-index mask is stored as it is, pixel for pixel: the stored mask covers exactly
      // the area the result reports (classification and mask are independent, §4.1).
      const area = result.prediction!.labelAreas.find((each) => each.index === index)?.area ?? 0;
      expect(result.maskId === null, item.fileName).toBe(area === 0);
      if (result.maskId) {
        const mask = decodeLabelMaskPng(new Uint8Array(await (await db.get('masks', result.maskId))!.blob.arrayBuffer()));
        expect(mask.mask.filter((value) => value === index).length / mask.mask.length, item.fileName).toBe(area);
        expect(mask.mask.every((value) => value === 0 || value === index)).toBe(true);
      }
    }
    const anomalies = unseen.flatMap((item, i) => (item.classification === 'anomaly' ? [results[i]!] : []));
    expect(anomalies.some((result) => result.maskId !== null)).toBe(true);
    expect(results[4]).toMatchObject({ fileName: 'notes.txt', prediction: null });
    expect(results[4]!.error).toMatch(/PNG|JPEG/);
  });

  it('marks a job no tab runs as interrupted, and leaves a running one alone', { timeout: trainingTimeoutMs }, async () => {
    const orphan = await createTrialJob(db, { projectId: project.id, name: 'orphan', modelVersionId: model.id, images: trialImages().slice(0, 2) });
    const busy = await createTrialJob(db, { projectId: project.id, name: 'busy', modelVersionId: model.id, images: trialImages().slice(0, 2) });
    let recovery: Promise<number> | null = null;
    const finished = await runTrialJob(db, busy.id, {
      onProgress: ({ stage }) => {
        // Settled while `busy` runs (its lock is held): only the orphan may be counted.
        if (stage === 'detecting') recovery ??= recoverInterruptedTrialJobs(db, project.id, nobodyStarting);
      },
    });
    expect(await recovery).toBe(1);
    expect(finished.status).toBe('COMPLETED');
    expect(await db.get('trialJobs', orphan.id)).toMatchObject({
      status: 'STOPPED',
      statusMessage: 'Interrupted (the page was closed or reloaded) after 0 of 2 images. Resume to judge the rest.',
    });
  });
});
