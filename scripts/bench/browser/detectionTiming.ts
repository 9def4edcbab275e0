// The bench page's detection timings, interleaved image by image in one run (so a loaded machine slows
// every figure alike and their ratios hold): the packaged model alone in the detection worker, then
// DetectAnomalies with an RGBA frame, with a transferred ImageBitmap (the camera's path) and with the file.
import { detectionWorker } from '../../../src/app/workers';
import { transfer } from '../../../workers/bridge';
import type { RgbaFrame } from '../../../src/contracts/detectionWorkerApi';
import type { Prediction } from '../../../src/contracts/prediction';

/** Untimed rounds first, so wasm compilation and first-run allocation do not count. */
const warmUpRounds = 2;
/** Timed passes over the test images: a loaded machine needs many samples for a steady median. */
const timedPasses = 3;

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
  /** Per round: frame detectMs / graphMs and bitmap detectMs / graphMs, taken back to back. */
  frameToGraph: number[];
  bitmapToGraph: number[];
  predictions: Map<string, Prediction>;
}

async function timed<Result>(call: () => Promise<Result>): Promise<{ ms: number; result: Result }> {
  const started = performance.now();
  const result = await call();
  return { ms: performance.now() - started, result };
}

export async function timeDetections(component: string, samples: readonly DetectionSample[]): Promise<DetectionTimings> {
  const timings: DetectionTimings = {
    graphMs: [],
    detectMs: [],
    detectBitmapMs: [],
    detectFileMs: [],
    workerLatencyMs: [],
    frameToGraph: [],
    bitmapToGraph: [],
    predictions: new Map(),
  };
  const timedRounds = Array.from({ length: timedPasses }, () => samples.map((sample) => ({ sample, warmUp: false }))).flat();
  const rounds = [...samples.slice(0, warmUpRounds).map((sample) => ({ sample, warmUp: true })), ...timedRounds];
  for (const [index, { sample, warmUp }] of rounds.entries()) {
    const graphRun = () => detectionWorker.run((api) => api.timeModelRun(component, sample.frame));
    // Every other round the model alone goes last, so neither side is always first after the page's own work.
    const graphFirst = index % 2 === 0;
    const graphBefore = graphFirst ? await graphRun() : 0;
    const frame = await timed(() => detectionWorker.run((api) => api.detectAnomalies(component, sample.frame)));
    const bitmap = await createImageBitmap(new ImageData(new Uint8ClampedArray(sample.frame.data), sample.frame.width, sample.frame.height));
    const fromBitmap = await timed(() => detectionWorker.run((api) => api.detectAnomalies(component, transfer(bitmap, [bitmap]))));
    const graphMs = graphFirst ? graphBefore : await graphRun();
    const fromFile = await timed(() => detectionWorker.run((api) => api.detectAnomalies(component, sample.file)));
    if (warmUp) continue;
    // The worker's own figure: the page-side round trip of timeModelRun would add the very overheads measured.
    timings.graphMs.push(graphMs);
    timings.frameToGraph.push(frame.ms / graphMs);
    timings.bitmapToGraph.push(fromBitmap.ms / graphMs);
    timings.detectMs.push(frame.ms);
    timings.detectBitmapMs.push(fromBitmap.ms);
    timings.detectFileMs.push(fromFile.ms);
    timings.workerLatencyMs.push(frame.result.latencyMs);
    timings.predictions.set(sample.id, frame.result.prediction);
  }
  return timings;
}
