// The detection runtime's API (spec §4.3) as the page sees it through the detection worker bridge
// (moved from workers/runtime/types.ts): model status, the inputs it takes and what it answers.
import type { ModelMetadata } from './modelMetadata';
import type { Prediction } from './prediction';

/** Spec §4.3 ModelStatus; the numbers are the wire codes. */
export const modelStatusCodes = { STOPPED: 0, STARTING: 1, RUNNING: 2, FAILED: 3, STOPPING: 4 } as const;

export type ModelStatusName = keyof typeof modelStatusCodes;

export interface ModelDescription {
  /** `<ProjectName>:<ModelVersion>` for local versions. */
  model_component: string;
  status: ModelStatusName;
  status_message: string;
}

/** A camera frame or canvas read-back: RGBA, 4 bytes per pixel, row-major. */
export interface RgbaFrame {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** PNG/JPEG file (checked by content), a decoded bitmap, or an RGBA frame; resized to the model input. */
export type DetectionInput = Blob | ImageBitmap | RgbaFrame;

export interface DetectionOutput {
  /** Its mask and anomaly map buffers are transferred from the worker, not copied. */
  prediction: Prediction;
  /** Conversion + inference in the worker, milliseconds. */
  latencyMs: number;
}

export interface DetectionWorkerApi {
  /** Resolves once loading has begun; poll `describeModel` until RUNNING (or FAILED). */
  startModel(modelComponent: string): Promise<'STARTING'>;
  /** Resolves once the model is STOPPED. */
  stopModel(modelComponent: string): Promise<'STOPPED'>;
  describeModel(modelComponent: string): Promise<ModelDescription>;
  listModels(): Promise<ModelDescription[]>;
  detectAnomalies(modelComponent: string, input: DetectionInput): Promise<DetectionOutput>;
  /** Which IndexedDB database the worker serves (tests and benchmarks); the app's own by default. */
  useDatabase(databaseName: string): Promise<void>;
  /**
   * The wasm thread count ORT runs with in this worker (benchmarks report it). ORT settles it when its
   * first session starts, so ask once a model is RUNNING; undefined before, unless workers/ort.ts chose it.
   */
  wasmThreads(): Promise<number | undefined>;
  /** Benchmarks: the packaged model's own run on this input, conversion excluded, ms. */
  timeModelRun(modelComponent: string, input: DetectionInput): Promise<number>;
  /** The execution provider detection sessions run on (benchmarks report it). */
  executionProvider(): Promise<string>;
  /** An imported package's model (not started) on its test images: each image's score, null where it could not be judged. */
  scoreTestImages(model: Blob, metadata: ModelMetadata, images: Blob[]): Promise<(number | null)[]>;
}
