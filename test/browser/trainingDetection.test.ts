// Training and detection through the real workers in Chromium: a small generated segmentation project
// in IndexedDB is trained by the training worker with the head on wasm and on WebGPU (SwiftShader), both
// models are started in the detection worker and judge unseen normal and anomalous parts alike and
// correctly; runtime errors and a cancelled run arrive on the page as the contract says.
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { detectionWorker } from '../../src/app/workers';
import { encodeRgbaPng } from '../../src/domain/png';
import { generateSyntheticDataset } from '../../src/syntheticImages';
import type { ModelVersion, Project } from '../../src/domain/types';
import { runTraining } from '../../src/models/training/runTraining';
import { modelArtifactNames } from '../../src/storage/modelFiles';
import { createModelVersion } from '../../src/storage/modelVersions';
import type { SpotcheckDB } from '../../src/storage/schema';
import type { DetectionInput, DetectionOutput } from '../../src/contracts/detectionWorkerApi';
import { wasmThreadCount } from '../../workers/ort';
import { DetectionRuntimeError } from '../../workers/runtime/runtimeErrors';
import type { TrainingProgressReport } from '../../src/contracts/trainingWorkerApi';
import { useSyntheticWorkerProject, workerProjectSide as side, workerTrainingTimeoutMs as trainingTimeoutMs } from './fixtures/workerProject';

const seed = 21;
/** Two epochs of a few large batches: SwiftShader WebGPU takes seconds per step. */
const headSchedule = { maxEpochs: 2, batchSize: 8192 };
/** Scores come from the kNN part, identical for both; the head's weights agree to ~1e-7 between backends. */
const scoreTolerance = 1e-3;
/** Mask areas (0–1 fractions) from the head: weights this close flip at most a few border pixels. */
const areaTolerance = 0.01;

let db: IDBPDatabase<SpotcheckDB>;
let project: Project;
const trained: Partial<Record<'wasm' | 'webgpu', ModelVersion>> = {};
const progress: Record<string, TrainingProgressReport[]> = { wasm: [], webgpu: [] };

/** Parts the training never saw: another seed of the same generator. */
const unseen = [...generateSyntheticDataset({ seed: 999, width: side, height: side, normalCount: 2, perDefectCount: 2, defectTypes: ['missing-component'] })];
const pngOf = (rgba: Uint8ClampedArray) => new Blob([encodeRgbaPng(rgba, side, side) as Uint8Array<ArrayBuffer>], { type: 'image/png' });

async function train(backend: 'wasm' | 'webgpu'): Promise<ModelVersion> {
  const version = await createModelVersion(db, project.id, { description: backend, tags: [], idempotencyKey: `run-${backend}` });
  return runTraining(db, version.id, { backend, seed, segmentation: headSchedule, onProgress: (report) => progress[backend]!.push(report) });
}

async function startAndWait(component: string): Promise<void> {
  expect(await detectionWorker.run((api) => api.startModel(component))).toBe('STARTING');
  for (;;) {
    const { status, status_message } = await detectionWorker.run((api) => api.describeModel(component));
    if (status === 'RUNNING') return;
    if (status !== 'STARTING') throw new Error(`${component} ${status}: ${status_message}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const detect = (component: string, input: DetectionInput): Promise<DetectionOutput> => detectionWorker.run((api) => api.detectAnomalies(component, input));

async function refusal(operation: Promise<unknown>): Promise<DetectionRuntimeError> {
  const error = await operation.then(
    () => expect.unreachable('the call should have been refused'),
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(DetectionRuntimeError);
  return error as DetectionRuntimeError;
}

useSyntheticWorkerProject('synthetic-parts', (opened) => {
  ({ db, project } = opened);
});

describe('training and detection through the workers', () => {
  it('trains with the head on wasm, then on WebGPU, storing each model with TRAINED', { timeout: trainingTimeoutMs }, async () => {
    trained.wasm = await train('wasm');
    trained.webgpu = await train('webgpu');
    for (const backend of ['wasm', 'webgpu'] as const) {
      const version = trained[backend]!;
      expect(version).toMatchObject({ status: 'TRAINED', modelType: 'segmentation', split: { seed } });
      expect((await db.get('modelArtifacts', `${version.id}/${modelArtifactNames.model}`))!.blob.size).toBeGreaterThan(100_000);
      const reports = progress[backend]!;
      expect(reports.some((report) => report.stage === 'segmentation' && report.epoch === headSchedule.maxEpochs)).toBe(true);
      expect(reports.at(-1)!.overallPercent).toBeCloseTo(100, 5);
    }
    // Same seed, same split, same bank: the runs differ only in where the head's steps ran.
    expect(trained.webgpu!.split).toEqual(trained.wasm!.split);
    expect(Math.abs(trained.webgpu!.trainedAnomalyThreshold! - trained.wasm!.trainedAnomalyThreshold!)).toBeLessThan(1e-6);
    console.info(`trained in ${trained.wasm!.trainingDurationMs} ms (wasm head) and ${trained.webgpu!.trainingDurationMs} ms (WebGPU head, cached features)`);
  });

  it('detects with both models in the detection worker: same scores and verdicts, and right ones', { timeout: trainingTimeoutMs }, async () => {
    const components = [trained.wasm!, trained.webgpu!].map((version) => `${project.name}:${version.version}`);
    for (const component of components) await startAndWait(component);
    expect((await db.get('modelVersions', trained.wasm!.id))!.status).toBe('HOSTED');
    // The worker's ORT settled its thread count with its first session: workers/ort.ts's choice, else ORT's default (1 there).
    const threads = await detectionWorker.run((api) => api.wasmThreads());
    expect(threads).toBe(wasmThreadCount({ crossOriginIsolated, hardwareConcurrency: navigator.hardwareConcurrency }) ?? 1);
    console.info(`detection worker: ${threads} wasm threads (cross-origin isolated: ${crossOriginIsolated})`);
    let worstDifference = 0;
    let worstAreaDifference = 0;
    const labelledArea = (output: DetectionOutput) => output.prediction.labelAreas.reduce((sum, area) => sum + area.area, 0);
    const areaOf = (output: DetectionOutput, name: string) =>
      name === 'background' ? 1 - labelledArea(output) : (output.prediction.labelAreas.find((area) => area.name === name)?.area ?? 0);
    for (const item of unseen) {
      const bitmap = await createImageBitmap(new ImageData(new Uint8ClampedArray(item.sample.rgba), side, side));
      const outputs = [
        await detect(components[0]!, pngOf(item.sample.rgba)),
        await detect(components[1]!, pngOf(item.sample.rgba)),
        await detect(components[0]!, { width: side, height: side, data: new Uint8ClampedArray(item.sample.rgba) }),
        await detect(components[1]!, bitmap),
      ];
      const anomalous = item.classification === 'anomaly';
      for (const { prediction } of outputs) {
        expect(prediction.isAnomalous, item.fileName).toBe(anomalous);
        expect(Math.abs(prediction.score - outputs[0]!.prediction.score), item.fileName).toBeLessThan(scoreTolerance);
        expect(prediction.labelMask?.indices.length).toBe(side * side);
        worstDifference = Math.max(worstDifference, Math.abs(prediction.score - outputs[0]!.prediction.score));
      }
      // The wasm-trained and the WebGPU-trained head mark the same pixels.
      for (const name of ['background', 'missing-component']) {
        const difference = Math.abs(areaOf(outputs[0]!, name) - areaOf(outputs[1]!, name));
        worstAreaDifference = Math.max(worstAreaDifference, difference);
        expect(difference, `${item.fileName} ${name}`).toBeLessThan(areaTolerance);
      }
      console.info(
        `${item.fileName}: missing-component area ${areaOf(outputs[0]!, 'missing-component').toFixed(4)} (wasm head) / ${areaOf(outputs[1]!, 'missing-component').toFixed(4)} (WebGPU head)`,
      );
    }
    console.info(`largest mask area difference ${worstAreaDifference.toExponential(2)}`);
    console.info(`wasm-trained vs WebGPU-trained model: largest anomaly_score difference ${worstDifference.toExponential(2)}`);
  });

  it('carries runtime errors to the page intact and writes hosting statuses', { timeout: trainingTimeoutMs }, async () => {
    const component = `${project.name}:${trained.wasm!.version}`;
    const garbage = await refusal(detect(component, new Blob(['not an image'])));
    expect({ code: garbage.code, name: garbage.name }).toEqual({ code: 3, name: 'INVALID_ARGUMENT' });
    expect(await detectionWorker.run((api) => api.stopModel(component))).toBe('STOPPED');
    expect((await db.get('modelVersions', trained.wasm!.id))!.status).toBe('TRAINED');
    const stopped = await refusal(detect(component, pngOf(unseen[0]!.sample.rgba)));
    expect({ code: stopped.code, name: stopped.name }).toEqual({ code: 9, name: 'FAILED_PRECONDITION' });
    const missing = await refusal(detectionWorker.run((api) => api.describeModel(`${project.name}:99`)));
    expect(missing.code).toBe(5);
  });

  it('marks a cancelled run TRAINING_FAILED with the reason and keeps none of its files', { timeout: trainingTimeoutMs }, async () => {
    const version = await createModelVersion(db, project.id, { description: 'cancelled', tags: [], idempotencyKey: 'run-cancelled' });
    const controller = new AbortController();
    const run = runTraining(db, version.id, { backend: 'wasm', seed, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toThrow();
    expect(await db.get('modelVersions', version.id)).toMatchObject({ status: 'TRAINING_FAILED', statusMessage: 'Training was cancelled' });
    expect(await db.getAllKeysFromIndex('modelArtifacts', 'by-model', version.id)).toEqual([]);
  });
});
