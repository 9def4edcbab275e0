// What the Node side of `npm run bench -- --runtime browser` hands the bench page, and what it gets back.
import type { TrainingBackend } from '../../../src/contracts/trainingWorkerApi';

export const benchDataPath = '/__bench/data.json';
export const benchFilePath = '/__bench/file/';
/** Logged by the page once training is done, so memory can be attributed to training and detection. */
export const trainedMarker = 'spotcheck-bench:trained';

export interface BenchItem {
  /** The bench's image id (dataset-relative path, with a train/ or test/ prefix for separate sets), also the sourceRef. */
  id: string;
  dataset: 'train' | 'test';
  classification: 'normal' | 'anomaly';
  labelNames: string[];
  /** Under benchFilePath: the original PNG/JPEG bytes, and the label-index mask PNG. */
  file: string;
  mask?: string;
}

export interface BenchData {
  items: BenchItem[];
  /** Mask index n + 1 is labels[n]. */
  labels: { name: string; color: string }[];
  imageSize: { width: number; height: number };
  /** Bench image ids; absent with separate train/test sets (taken as given). */
  split?: { trainIds: string[]; testIds: string[] };
  seed: number;
  backend: TrainingBackend;
  backboneId: string;
  coresetRatio: number;
}

export interface PageBenchResult {
  threads: number;
  trainMs: number;
  /** Round trip of DetectAnomalies with an RGBA frame at the project size (the camera path), after warm-up. */
  detectMs: number[];
  /** The same with the original PNG/JPEG file as a Blob (decoded in the worker). */
  detectFileMs: number[];
  /** The worker's own `latencyMs` for the frame detections. */
  workerLatencyMs: number[];
  modelBytes: number;
  /** `metadata.json` and `evaluation.json` as the training worker stored them. */
  metadata: unknown;
  evaluation: unknown;
  testImages: number;
  trainImages: number;
  /** Test ids the model judged anomalous in the detection worker vs in the training-time evaluation. */
  verdictMismatches: string[];
}
