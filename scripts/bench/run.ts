// The benchmark CLI (issue 4 item 6), the public yardstick: train on a dataset, evaluate on its test part,
// time detection with the packaged model, print a summary and write the results JSON.
// npm run bench -- --train <manifest | folder> [--test <same>] [--runtime node|browser] [--backend wasm|webgpu|auto] [--backbone <id>] [--out results.json] [--synthetic] [--seed <n>] [--coreset-ratio <0–1>]
// npm run bench -- --train <manifest | folder> --cv <K> [--seeds <N>] …: repeated stratified K-fold cross-validation
// with the stress set (crossValidation.ts), Node runtime only; seeds are --seed, --seed + 1, ….
// `node` runs the engine in this process; `browser` runs the app's training and detection workers in headless
// Chromium (browserRuntime.ts), where --backend picks where the segmentation head trains.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { convertBackbone } from '../backbone/convertBackbone';
import { LabelRegistry } from '../../src/domain/masks/labelRegistry';
import { splitDataset } from '../../src/domain/split';
import { defaultBackboneId } from '../../workers/engine/backbone/registry';
import { detectWithPackagedModel } from '../../workers/engine/packaging';
import { defaultCoresetRatio, defaultFramedCopies, defaultFramedCopyTransforms, trainAnomalyModel } from '../../workers/engine/training';
import { framingRanges } from '../../workers/engine/augmentation/normalFraming';
import type { FramedCopyTransforms } from '../../workers/engine/augmentation/normalFraming';
import type { TrainingImage, TrainingResult } from '../../workers/engine/training';
import type { InspectionRegion, ModelMetadata } from '../../src/contracts/modelMetadata';
import { isValidInspectionRegion } from '../../src/domain/inspectionRegion';
import type { OperatingPoint } from '../../workers/engine/calibration';
import type { StoredEvaluation } from '../../src/contracts/evaluation';
import { defaultOperatingPoint, operatingPoints, type TrainingBackend } from '../../src/contracts/trainingWorkerApi';
import { ort, sessionOptions } from '../../workers/ort';
import { runInBrowser, datasetRoot } from './browserRuntime';
import { percentiles } from './percentiles';
import { detectionFigures, detectionRows, type DetectionFigures } from './detectionFigures';
import { backboneRows, runBackbonePeerBench, type BackbonePeerFigures } from './backbonePeer';
import { loadDataset } from './loadDataset';
import type { LoadedDataset } from './loadDataset';
import { syntheticDataset } from './syntheticDataset';
import { crossValidate, imageIoU } from './crossValidation';
import type { CrossValidationResults, CrossValidationSummary, PerImageRow } from './crossValidation';
import { printCrossValidation, printRows } from './cvReport';

/** The split seed when no --test set is given; recorded in the results. */
const defaultSplitSeed = 1;
/** Untimed detections first, so wasm compilation and first-run allocation do not count. */
const warmUpDetections = 2;

const usage =
  'Usage: npm run bench -- --train <manifest-file | folder with normal/ anomaly/> [--test <same>] [--runtime node|browser] [--backend wasm|webgpu|auto] [--backbone <id>] [--out results.json] [--seed <n>] [--coreset-ratio <0–1>] [--framed-copies <n>] [--framed-transforms geometric|geometric-tone|geometric-photometric] [--operating-point defects-first|balanced|no-miss] [--region x,y,width,height]\n' +
  '       npm run bench -- --synthetic [--runtime node] [--backbone <id>] [--out results.json] [--seed <n>] [--coreset-ratio <0–1>]\n' +
  '       npm run bench -- --train <same> --cv <K ≥ 2> [--seeds <N>] [--backbone <id>] [--out results.json] [--seed <n>] [--coreset-ratio <0–1>]\n' +
  '--backend (browser runtime only) is where the segmentation head trains; wasm by default, since WebGPU here is SwiftShader on the CPU.\n' +
  '--region (node runtime) is the project region of interest as fractions of the picture, e.g. 0.1,0.05,0.8,0.85.';
/** Memory is sampled this often while training and detecting. */
const memorySampleIntervalMs = 250;

/** Browser runtime: plus the hot-path figures (detectionFigures.ts) and the backbone, its TF.js peer and kNN-by-bank figures (backbonePeer.ts). */
export interface BenchResults extends Partial<DetectionFigures & BackbonePeerFigures & { peerSkipped: string }> {
  runtime: 'node' | 'browser';
  backend: string;
  threads: number;
  backbone: string;
  modelType: string;
  dataset: { train: string; test: string | null; splitSeed: number | null };
  images: { train: number; test: number };
  trainMs: number;
  /** The engine's stages; browser runtime also `readDecodeStoreMs`: the run's time outside the engine (reading the project from IndexedDB, decoding its pictures, storing the model). */
  trainStagesMs: TrainingResult['timings'] & { readDecodeStoreMs?: number };
  detectMs: { p50: number; p95: number };
  /** Browser runtime: DetectAnomalies with the original PNG/JPEG file (decoded in the worker) instead of an RGBA frame. */
  detectFileMs?: { p50: number; p95: number };
  modelBytes: number;
  /** Peak memory while training and detecting: RSS of this process (node), summed PSS of the browser's processes (browser). */
  memory: { peakBytes: number; trainingPeakBytes: number; measure: 'rss' | 'pss'; idleBytes?: number };
  bankSize: number;
  coresetRatio: number;
  image: {
    auroc: number | null;
    ap: number | null;
    precision: number;
    recall: number;
    f1: number;
    threshold: number;
    rawThreshold: number;
    counts: TrainingResult['evaluation']['image']['counts'];
  };
  perLabel: { name: string; precision: number; recall: number; f1: number; meanIoU: number; testImages: number }[];
  /** Segmentation models: the head's training and its tuned mask threshold. */
  segmentation?: TrainingResult['segmentation'];
  /** Node runtime: each test image's score and verdict (and per-label IoU for segmentation models). */
  perImage?: PerImageRow[];
}

/** `--cv`: the figures of K × N models, each trained without the fold it is judged on. */
export interface CrossValidationBenchResults {
  runtime: 'node';
  backend: 'wasm';
  threads: number;
  backbone: string;
  dataset: { train: string };
  images: { normal: number; anomaly: number };
  coresetRatio: number;
  framedCopies: number;
  framedCopyTransforms: FramedCopyTransforms;
  operatingPoint: OperatingPoint;
  /** `--region`: the region of interest the fold models crop to; absent = the whole picture. */
  region?: InspectionRegion;
  /** Detection with the packaged fold models, timed over the stress set. */
  detectMs: { p50: number; p95: number };
  modelBytes: number;
  bankSize: number;
  cv: CrossValidationSummary;
  /** One row per image and seed: file, true class, normalised score, verdict, per-label IoU. */
  perImage: PerImageRow[];
  stressRows: CrossValidationResults['stressRows'];
}

export async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      options: {
        train: { type: 'string' },
        test: { type: 'string' },
        runtime: { type: 'string', default: 'node' },
        backend: { type: 'string', default: 'wasm' },
        backbone: { type: 'string', default: defaultBackboneId },
        out: { type: 'string' },
        seed: { type: 'string', default: String(defaultSplitSeed) },
        synthetic: { type: 'boolean', default: false },
        'coreset-ratio': { type: 'string', default: String(defaultCoresetRatio) },
        'framed-copies': { type: 'string', default: String(defaultFramedCopies) },
        'framed-transforms': { type: 'string', default: defaultFramedCopyTransforms },
        'operating-point': { type: 'string', default: defaultOperatingPoint },
        cv: { type: 'string' },
        seeds: { type: 'string', default: '1' },
        region: { type: 'string' },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const seed = Number(args.seed);
  const coresetRatio = Number(args['coreset-ratio']);
  const framedCopies = Number(args['framed-copies']);
  const operatingPoint = args['operating-point'] as OperatingPoint;
  const framedCopyTransforms = args['framed-transforms'] as FramedCopyTransforms;
  const region = args.region === undefined ? undefined : parseRegion(args.region);
  const validNumbers =
    region !== null &&
    (region === undefined || args.runtime === 'node') &&
    Number.isSafeInteger(seed) &&
    coresetRatio > 0 &&
    coresetRatio <= 1 &&
    Number.isSafeInteger(framedCopies) &&
    framedCopies >= 0 &&
    operatingPoints.includes(operatingPoint) &&
    Object.hasOwn(framingRanges, framedCopyTransforms);
  const runtimes = ['node', 'browser'];
  const backends = args.runtime === 'browser' ? ['wasm', 'webgpu', 'auto'] : ['wasm'];
  if (
    !runtimes.includes(args.runtime) ||
    !backends.includes(args.backend) ||
    !validNumbers ||
    (!args.train && !args.synthetic) ||
    (args.synthetic && (args.train || args.test || args.runtime === 'browser'))
  ) {
    console.error(usage);
    return 2;
  }
  if (args.cv !== undefined) {
    const folds = Number(args.cv);
    const seedCount = Number(args.seeds);
    if (!Number.isSafeInteger(folds) || folds < 2 || !Number.isSafeInteger(seedCount) || seedCount < 1 || !args.train || args.test || args.runtime !== 'node') {
      console.error(`--cv needs --train, a whole number of folds ≥ 2, --seeds ≥ 1 and the node runtime\n${usage}`);
      return 2;
    }
    const seeds = Array.from({ length: seedCount }, (_, index) => seed + index);
    const cvResults = await runCrossValidation({
      trainSource: args.train,
      folds,
      seeds,
      backboneId: args.backbone,
      coresetRatio,
      framedCopies,
      framedCopyTransforms,
      operatingPoint,
      region,
    });
    printCrossValidation(cvResults.cv, cvResults.perImage);
    if (args.out) {
      writeFileSync(args.out, `${JSON.stringify(cvResults, null, 2)}\n`);
      console.log(`Wrote ${args.out}`);
    }
    return 0;
  }
  const results = await runBench({
    trainSource: args.train ?? null,
    testSource: args.test ?? null,
    backboneId: args.backbone,
    seed,
    coresetRatio,
    framedCopies,
    framedCopyTransforms,
    operatingPoint,
    region,
    runtime: args.runtime as BenchResults['runtime'],
    backend: args.backend as TrainingBackend,
  });
  printSummary(results);
  if (args.out) {
    writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`Wrote ${args.out}`);
  }
  return 0;
}

interface CrossValidationRun {
  trainSource: string;
  folds: number;
  seeds: number[];
  backboneId: string;
  coresetRatio: number;
  framedCopies: number;
  framedCopyTransforms: FramedCopyTransforms;
  operatingPoint: OperatingPoint;
  region: InspectionRegion | undefined;
}

async function runCrossValidation({
  trainSource,
  folds,
  seeds,
  backboneId,
  coresetRatio,
  framedCopies,
  framedCopyTransforms,
  operatingPoint,
  region,
}: CrossValidationRun): Promise<CrossValidationBenchResults> {
  const dataset = loadDataset(trainSource, '', new LabelRegistry([]));
  const backboneModel = await convertBackbone(backboneId);
  const cv = await crossValidate({
    images: dataset.images,
    labels: dataset.labels,
    backboneId,
    backboneModel,
    coresetRatio,
    framedCopies,
    framedCopyTransforms,
    operatingPoint,
    region,
    folds,
    seeds,
    onFoldDone: (fold) =>
      console.log(
        `seed ${fold.seed} fold ${fold.fold + 1}/${folds}: AUROC ${fold.auroc?.toFixed(3) ?? 'n/a'}, F1 ${fold.f1.toFixed(3)}, ` +
          `${fold.perLabel.map((label) => `${label.name} IoU ${label.meanIoU.toFixed(3)}, `).join('')}` +
          `${fold.head ? `head epoch ${fold.head.bestEpoch}/${fold.head.epochs} mask threshold ${fold.head.maskProbabilityThreshold}, ` : ''}stress ${fold.stressFalseAlarms}/${fold.stressImages} (${fold.trainMs} ms)`,
      ),
  });
  const { perImage, stressRows, detectMs, ...summary } = cv;
  const count = (classification: TrainingImage['classification']) => dataset.images.filter((image) => image.classification === classification).length;
  return {
    runtime: 'node',
    backend: 'wasm',
    threads: ort.env.wasm.numThreads ?? 0,
    backbone: backboneId,
    dataset: { train: trainSource },
    images: { normal: count('normal'), anomaly: count('anomaly') },
    coresetRatio,
    framedCopies,
    framedCopyTransforms,
    operatingPoint,
    ...(region ? { region } : {}),
    detectMs: percentiles(detectMs),
    modelBytes: cv.modelBytes,
    bankSize: cv.bankSize,
    cv: summary,
    perImage,
    stressRows,
  };
}

interface BenchOptions {
  trainSource: string | null;
  testSource: string | null;
  backboneId: string;
  seed: number;
  coresetRatio: number;
  framedCopies: number;
  framedCopyTransforms: FramedCopyTransforms;
  operatingPoint: OperatingPoint;
  region: InspectionRegion | undefined;
  runtime: BenchResults['runtime'];
  backend: TrainingBackend;
}

async function runBench(options: BenchOptions): Promise<BenchResults> {
  const registry = new LabelRegistry([]);
  const trainSet = options.trainSource ? loadDataset(options.trainSource, options.testSource ? 'train/' : '', registry) : syntheticDataset(options.seed);
  const testSet: LoadedDataset | null = options.testSource ? loadDataset(options.testSource, 'test/', registry) : null;
  // The head learns the training labels; a label only the test set uses counts as background there.
  const labels = trainSet.labels;
  const images = [...trainSet.images, ...(testSet?.images ?? [])];
  const split = testSet
    ? { seed: options.seed, trainIds: trainSet.images.map((image) => image.id), testIds: testSet.images.map((image) => image.id) }
    : splitDataset(trainSet.candidates, options.seed);

  const dataset = { train: options.trainSource ?? 'synthetic', test: options.testSource, splitSeed: testSet ? null : options.seed };
  if (options.runtime === 'browser') {
    const output = await runInBrowser({
      trainSet,
      testSet,
      trainRoot: datasetRoot(options.trainSource!),
      testRoot: options.testSource ? datasetRoot(options.testSource) : null,
      split: testSet ? null : { trainIds: split.trainIds, testIds: split.testIds },
      config: { seed: options.seed, backend: options.backend, backboneId: options.backboneId, coresetRatio: options.coresetRatio },
    });
    if (output.verdictMismatches.length > 0)
      console.warn(`The detection worker judged ${output.verdictMismatches.join(', ')} differently from the training-time evaluation.`);
    const stored = output.evaluation as StoredEvaluation;
    const backboneFigures = await runBackbonePeerBench(options.backboneId);
    const results = resultsOf({
      runtime: 'browser',
      backend: options.backend,
      threads: output.threads,
      options,
      dataset,
      images: { train: output.trainImages, test: output.testImages },
      trainMs: output.trainMs,
      stored,
      metadata: output.metadata as ModelMetadata,
      modelBytes: output.modelBytes,
      detectMs: percentiles(output.detectMs),
      detectFileMs: percentiles(output.detectFileMs),
      detection: detectionFigures(output),
      peakBytes: output.peakBytes,
      trainingPeakBytes: output.trainingPeakBytes,
      idleBytes: output.idleBytes,
    });
    return { ...results, ...backboneFigures };
  }

  let peakBytes = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakBytes = Math.max(peakBytes, process.memoryUsage().rss);
  }, memorySampleIntervalMs);
  try {
    const backboneModel = await convertBackbone(options.backboneId);
    const started = performance.now();
    const result = await trainAnomalyModel({
      images,
      split,
      labels,
      backboneId: options.backboneId,
      backboneModel,
      seed: options.seed,
      coresetRatio: options.coresetRatio,
      framedCopies: options.framedCopies,
      framedCopyTransforms: options.framedCopyTransforms,
      operatingPoint: options.operatingPoint,
      region: options.region,
    });
    const trainMs = performance.now() - started;
    const trainingPeakBytes = Math.max(peakBytes, process.memoryUsage().rss);

    const byId = new Map(images.map((image) => [image.id, image]));
    const testImages = split.testIds.map((id) => byId.get(id)!);
    const detectMs = await timeDetections(result, testImages);
    peakBytes = Math.max(peakBytes, process.memoryUsage().rss);
    return resultsOf({
      runtime: 'node',
      backend: 'wasm',
      threads: ort.env.wasm.numThreads ?? 0,
      options,
      dataset,
      images: { train: split.trainIds.length, test: split.testIds.length },
      trainMs,
      stored: { evaluation: result.evaluation, timings: result.timings, ...(result.segmentation ? { segmentation: result.segmentation } : {}) },
      metadata: result.metadata,
      modelBytes: result.modelBytes.length,
      detectMs,
      peakBytes,
      trainingPeakBytes,
      perImage: result.perImage.map((row) => ({
        file: row.id,
        seed: options.seed,
        fold: 0,
        trueClass: row.actual,
        score: row.score,
        verdict: row.isAnomalous ? 'anomaly' : 'normal',
        ...(row.predictedMask ? { iou: imageIoU(row.predictedMask, byId.get(row.id)!.mask ?? new Uint8Array(row.predictedMask.length), labels) } : {}),
      })),
    });
  } finally {
    clearInterval(sampler);
  }
}

interface RunFigures {
  runtime: BenchResults['runtime'];
  backend: string;
  threads: number;
  options: BenchOptions;
  dataset: BenchResults['dataset'];
  images: BenchResults['images'];
  trainMs: number;
  stored: Pick<StoredEvaluation, 'evaluation' | 'timings' | 'segmentation'>;
  metadata: ModelMetadata;
  modelBytes: number;
  detectMs: BenchResults['detectMs'];
  detectFileMs?: BenchResults['detectMs'];
  detection?: DetectionFigures;
  peakBytes: number;
  trainingPeakBytes: number;
  idleBytes?: number;
  perImage?: PerImageRow[];
}

/** One results shape for both runtimes. */
function resultsOf(run: RunFigures): BenchResults {
  const { evaluation, timings, segmentation } = run.stored;
  const { image } = evaluation;
  return {
    runtime: run.runtime,
    backend: run.backend,
    threads: run.threads,
    backbone: run.options.backboneId,
    modelType: run.metadata.modelType,
    dataset: run.dataset,
    images: run.images,
    trainMs: Math.round(run.trainMs),
    trainStagesMs: { ...roundAll(timings), ...(run.runtime === 'browser' ? { readDecodeStoreMs: Math.round(run.trainMs - timings.totalMs) } : {}) },
    detectMs: run.detectMs,
    ...(run.detectFileMs ? { detectFileMs: run.detectFileMs } : {}),
    ...run.detection,
    modelBytes: run.modelBytes,
    memory: {
      peakBytes: run.peakBytes,
      trainingPeakBytes: run.trainingPeakBytes,
      measure: run.runtime === 'browser' ? 'pss' : 'rss',
      ...(run.idleBytes ? { idleBytes: run.idleBytes } : {}),
    },
    bankSize: run.metadata.training.bankSize,
    coresetRatio: run.options.coresetRatio,
    image: {
      auroc: image.rocAuc,
      ap: image.averagePrecision,
      precision: image.precision,
      recall: image.recall,
      f1: image.f1,
      threshold: image.threshold,
      rawThreshold: evaluation.calibration.rawThreshold,
      counts: image.counts,
    },
    // Classification models have no per-label pixel metrics.
    ...(segmentation ? { segmentation } : {}),
    perLabel: (evaluation.perLabel ?? []).map(({ name, precision, recall, f1, meanIoU, testImages }) => ({ name, precision, recall, f1, meanIoU, testImages })),
    ...(run.perImage ? { perImage: run.perImage } : {}),
  };
}

async function timeDetections(result: TrainingResult, testImages: readonly TrainingImage[]): Promise<{ p50: number; p95: number }> {
  const session = await ort.InferenceSession.create(result.modelBytes, sessionOptions());
  try {
    const times: number[] = [];
    for (const [index, image] of [...testImages.slice(0, warmUpDetections), ...testImages].entries()) {
      const started = performance.now();
      await detectWithPackagedModel(session, image.rgb, image.width, image.height, result.metadata);
      if (index >= warmUpDetections) times.push(performance.now() - started);
    }
    return percentiles(times);
  } finally {
    await session.release();
  }
}

function mebibytes(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}

function roundAll<T extends object>(values: T): T {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, Math.round(value as number)])) as T;
}

function printSummary(results: BenchResults): void {
  const format = (value: number | null) => (value === null ? 'n/a' : value.toFixed(3));
  const rows: [string, string][] = [
    ['dataset', `${results.dataset.train}${results.dataset.test ? ` / ${results.dataset.test}` : ` (split seed ${results.dataset.splitSeed})`}`],
    ['runtime / backend', `${results.runtime} / ${results.backend} (${results.threads} threads)`],
    ['backbone / model', `${results.backbone} / ${results.modelType}`],
    ['images train / test', `${results.images.train} / ${results.images.test}`],
    [
      'train ms',
      `${results.trainMs} (${Object.entries(results.trainStagesMs)
        .map(([stage, ms]) => `${stage.replace(/Ms$/, '')} ${ms}`)
        .join(', ')})`,
    ],
    ['detect ms p50 / p95', `${results.detectMs.p50} / ${results.detectMs.p95}${results.runtime === 'browser' ? ' (RGBA frame through DetectAnomalies)' : ''}`],
    ...detectionRows(results),
    ...backboneRows(results),
    ...(results.detectFileMs
      ? [['detect file ms p50 / p95', `${results.detectFileMs.p50} / ${results.detectFileMs.p95} (PNG/JPEG Blob)`] as [string, string]]
      : []),
    ['model bytes', `${results.modelBytes} (bank ${results.bankSize} patches)`],
    [
      'peak memory',
      `${mebibytes(results.memory.peakBytes)} MiB, ${mebibytes(results.memory.trainingPeakBytes)} MiB until trained (${results.memory.idleBytes ? `browser processes' PSS, ${mebibytes(results.memory.idleBytes)} MiB idle` : 'RSS of this process'})`,
    ],
    ['image AUROC / AP', `${format(results.image.auroc)} / ${format(results.image.ap)}`],
    ['precision / recall / F1', `${format(results.image.precision)} / ${format(results.image.recall)} / ${format(results.image.f1)}`],
    ['threshold (raw)', `${results.image.threshold} (${results.image.rawThreshold.toFixed(4)})`],
    ...results.perLabel.map((label): [string, string] => [
      `label ${label.name}`,
      `IoU ${format(label.meanIoU)}, P ${format(label.precision)} R ${format(label.recall)} F1 ${format(label.f1)} (${label.testImages} test images)`,
    ]),
    [
      'TP FP TN FN',
      `${results.image.counts.truePositives} ${results.image.counts.falsePositives} ${results.image.counts.trueNegatives} ${results.image.counts.falseNegatives}`,
    ],
  ];
  printRows(rows);
}

/** `--region x,y,width,height` in fractions of the picture; null when it is not a valid region. */
function parseRegion(text: string): InspectionRegion | null {
  const [x, y, width, height, ...rest] = text.split(',').map(Number);
  if (rest.length > 0 || height === undefined) return null;
  const region = { x: x!, y: y!, width: width!, height };
  return isValidInspectionRegion(region) ? region : null;
}
