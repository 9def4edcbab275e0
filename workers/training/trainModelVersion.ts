// One training run of a stored model version: read the project from IndexedDB, decode its pictures,
// draw (single dataset) or take (train/test datasets) the split, train with the engine, and commit every
// artifact with TRAINED and the version's figures in one transaction. A failure stores nothing; marking
// the version TRAINING_FAILED is the caller's part (runTraining), which also sees cancels and crashes.
import { splitDataset } from '../../src/domain/split';
import type { ModelVersionSplit } from '../../src/domain/types';
import { completeTraining } from '../../src/storage/modelFiles';
import type { SpotcheckDatabase } from '../../src/storage/schema';
import { readTrainingData, type StoredTrainingEntry } from '../../src/storage/trainingData';
import { defaultBackboneId } from '../engine/backbone/registry';
import { trainAnomalyModel } from '../engine/training/trainAnomalyModel';
import type { FeatureCache } from '../engine/training/types';
import type { SegmentationLabel } from '../../src/contracts/modelMetadata';
import type { HeadExecutionProvider } from '../engine/segmentation';
import type { ImageDecoder } from '../runtime/detectionInput';
import { ProgressTracker } from './progress';
import { performanceOf, trainingArtifacts } from './trainingArtifacts';
import { decodeTrainingImages } from './trainingImages';
import type { TrainingBackend, TrainingProgressReport, TrainModelVersionRequest } from '../../src/contracts/trainingWorkerApi';

export interface TrainingEnvironment {
  openDb(databaseName?: string): Promise<SpotcheckDatabase>;
  decoder: ImageDecoder;
  /** The converted backbone ONNX (fetched from `/models/<id>.onnx` in the app). */
  loadBackbone(backboneId: string): Promise<Uint8Array>;
  featureCache?: FeatureCache;
  /** Whether a hardware (non-fallback) WebGPU adapter exists, for backend 'auto'. */
  hasWebGpu(): Promise<boolean>;
  signal?: AbortSignal;
}

export async function trainStoredModelVersion(
  request: TrainModelVersionRequest,
  onProgress: (progress: TrainingProgressReport) => void,
  environment: TrainingEnvironment,
): Promise<void> {
  const started = performance.now();
  const db = await environment.openDb(request.databaseName);
  const data = await readTrainingData(db, request.modelVersionId);
  const { version, project, labels } = data;
  const size = project.imageSize;
  if (!size) throw new RangeError(`Project ${project.name} has no image size`);
  const isSegmentation = version.modelType === 'segmentation';
  const tracker = new ProgressTracker(isSegmentation, onProgress);

  const stored = [...data.train, ...(data.test ?? [])];
  const images = await decodeTrainingImages(stored, size, environment.decoder, (done, total) => tracker.decoding(done, total), environment.signal);
  const seed = request.seed ?? crypto.getRandomValues(new Uint32Array(1))[0]!;
  const split = request.split ? { seed, ...request.split } : splitOf(data.train, data.test, seed);
  const backboneId = request.backboneId ?? defaultBackboneId;
  const executionProvider = await headBackend(request.backend, environment);
  // The head learns the labels the training part uses; one only the test set uses counts as background.
  const trainedLabels = labels.filter((label) => data.train.some(({ entry }) => entry.anomalyLabelIds.includes(label.id)));
  const segmentationLabels: SegmentationLabel[] = isSegmentation ? trainedLabels.map(({ name, color, index }) => ({ name, color, index })) : [];

  const result = await trainAnomalyModel({
    images: isSegmentation ? images : images.map(({ mask: _mask, ...image }) => image),
    split,
    labels: segmentationLabels,
    backboneId,
    backboneModel: await environment.loadBackbone(backboneId),
    seed,
    onProgress: (progress) => tracker.stage(progress),
    ...(environment.signal ? { signal: environment.signal } : {}),
    ...(environment.featureCache ? { featureCache: environment.featureCache } : {}),
    segmentation: { ...request.segmentation, executionProvider },
    ...(request.operatingPoint ? { operatingPoint: request.operatingPoint } : {}),
    ...(project.region ? { region: project.region } : {}),
  });

  const entries = new Map(stored.map(({ entry }) => [entry.id, entry]));
  const artifacts = trainingArtifacts(result, { project, modelVersion: version.version, entries, labels });
  const threshold = result.metadata.threshold;
  await completeTraining(
    db,
    version.id,
    {
      performance: performanceOf(result.evaluation),
      anomalyThreshold: threshold,
      trainedAnomalyThreshold: threshold,
      split,
      backbone: backboneId,
      trainingDurationMs: Math.round(performance.now() - started),
    },
    artifacts,
    result.metadata.training.warnings.join(' '),
  );
}

/** Spec §1.1: separate datasets are taken as given; a single one is split stratified with the seed. */
function splitOf(train: readonly StoredTrainingEntry[], test: readonly StoredTrainingEntry[] | null, seed: number): ModelVersionSplit {
  if (test) return { seed, fromDatasets: true, trainIds: train.map(({ entry }) => entry.id), testIds: test.map(({ entry }) => entry.id) };
  const candidates = train.map(({ entry }) => ({ id: entry.id, classification: entry.classification!, anomalyLabelIds: entry.anomalyLabelIds }));
  const { trainIds, testIds } = splitDataset(candidates, seed);
  return { seed, trainIds, testIds };
}

async function headBackend(backend: TrainingBackend, environment: TrainingEnvironment): Promise<HeadExecutionProvider> {
  if (backend !== 'auto') return backend;
  return (await environment.hasWebGpu()) ? 'webgpu' : 'wasm';
}
