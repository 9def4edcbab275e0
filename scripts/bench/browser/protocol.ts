// What the Node side of `npm run bench -- --runtime browser` hands the bench page, and what it gets back.
import type { DetectionTimings } from './detectionTiming';
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

export interface PageBenchResult extends Omit<DetectionTimings, 'predictions'> {
  threads: number;
  /** What the detection sessions run on (wasm unless workers/ort.ts picks another). */
  executionProvider: string;
  /** The camera loop on the fake camera; absent where no camera could be opened. */
  camera?: { fps: number; frameToVerdictMs: number[] };
  trainMs: number;
  modelBytes: number;
  /** `metadata.json` and `evaluation.json` as the training worker stored them. */
  metadata: unknown;
  evaluation: unknown;
  testImages: number;
  trainImages: number;
  /** Test ids the model judged anomalous in the detection worker vs in the training-time evaluation. */
  verdictMismatches: string[];
}
