// The bench page's detection timings, interleaved image by image in one run (so a loaded machine slows
// every figure alike and their ratios hold): the packaged model alone in the detection worker, then
// DetectAnomalies with an RGBA frame, with a transferred ImageBitmap (the camera's path) and with the file.
import { detectionWorker } from '../../../src/app/workers';
import { transfer } from '../../../workers/bridge';
import type { RgbaFrame } from '../../../src/contracts/detectionWorkerApi';
import type { Prediction } from '../../../src/contracts/prediction';

/** Untimed rounds first, so wasm compilation and first-run allocation do not count. */
const warmUpRounds = 2;

export interface DetectionSample {
  id: string;
  frame: RgbaFrame;
  file: Blob;
}

export interface DetectionTimings {
  /** The packaged model's own run (session.run) in the worker. */
  graphMs: number[];
  /** DetectAnomalies round trip from the page with an RGBA frame at the project size. */
  detectMs: number[];
  /** The same with an ImageBitmap at the project size, transferred (the camera loop's input). */
  detectBitmapMs: number[];
  /** The same with the original PNG/JPEG file (decoded in the worker). */
  detectFileMs: number[];
  /** The worker's own `latencyMs` for the frame detections. */
  workerLatencyMs: number[];
  predictions: Map<string, Prediction>;
}

async function timed<Result>(call: () => Promise<Result>): Promise<{ ms: number; result: Result }> {
  const started = performance.now();
  const result = await call();
  return { ms: performance.now() - started, result };
}

export async function timeDetections(component: string, samples: readonly DetectionSample[]): Promise<DetectionTimings> {
  const timings: DetectionTimings = { graphMs: [], detectMs: [], detectBitmapMs: [], detectFileMs: [], workerLatencyMs: [], predictions: new Map() };
  const rounds = [...samples.slice(0, warmUpRounds).map((sample) => ({ sample, warmUp: true })), ...samples.map((sample) => ({ sample, warmUp: false }))];
  for (const { sample, warmUp } of rounds) {
    const graph = await timed(() => detectionWorker.run((api) => api.timeModelRun(component, sample.frame)));
    const frame = await timed(() => detectionWorker.run((api) => api.detectAnomalies(component, sample.frame)));
    const bitmap = await createImageBitmap(new ImageData(new Uint8ClampedArray(sample.frame.data), sample.frame.width, sample.frame.height));
    const fromBitmap = await timed(() => detectionWorker.run((api) => api.detectAnomalies(component, transfer(bitmap, [bitmap]))));
    const fromFile = await timed(() => detectionWorker.run((api) => api.detectAnomalies(component, sample.file)));
    if (warmUp) continue;
    // The worker's own figure: the page-side round trip of timeModelRun would add the very overheads measured.
    timings.graphMs.push(graph.result);
    timings.detectMs.push(frame.ms);
    timings.detectBitmapMs.push(fromBitmap.ms);
    timings.detectFileMs.push(fromFile.ms);
    timings.workerLatencyMs.push(frame.result.latencyMs);
    timings.predictions.set(sample.id, frame.result.prediction);
  }
  return timings;
}
