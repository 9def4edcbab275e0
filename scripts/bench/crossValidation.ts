// The honest yardstick (issue 13): repeated stratified K-fold cross-validation of the whole training pipeline
// (Node runtime). Per seed, each class is dealt into K folds; each fold is the test part of one model trained
// on the rest, so every labelled image is judged once per seed by a model that never saw it. Each fold's
// held-out normals also go through the stress set, scored by that fold's packaged model.
import type { InspectionRegion } from '../../src/contracts/modelMetadata';
import { PixelMetricsAccumulator, summarise } from '../../src/domain/metrics';
import { detectWithPackagedModel } from '../../workers/engine/packaging';
import { assignFolds, trainAnomalyModel } from '../../workers/engine/training';
import type { FeatureCache, TrainingImage, TrainingResult } from '../../workers/engine/training';
import type { FeaturePooling, SegmentationLabel } from '../../src/contracts/modelMetadata';
import { defaultFeaturePooling } from '../../workers/engine/features';
import { ort, sessionOptions } from '../../workers/ort';
import type { OperatingPoint } from '../../workers/engine/calibration';
import type { FramedCopyTransforms } from '../../workers/engine/augmentation/normalFraming';
import { spreadOf, type Spread } from './spread';
import { stressVariants } from './stressSet';

export interface CrossValidationOptions {
  images: readonly TrainingImage[];
  labels: readonly SegmentationLabel[];
  backboneId: string;
  backboneModel: Uint8Array;
  coresetRatio: number;
  framedCopies: number;
  framedCopyTransforms: FramedCopyTransforms;
  operatingPoint: OperatingPoint;
  /** The project's region of interest every fold model crops to; absent = the whole picture. */
  region?: InspectionRegion;
  folds: number;
  /**
   * One full K-fold pass per seed; the seed deals the folds, seeds the training and draws the framed copies
   * (`framedCopyDraw`; 0 is the app's draw), so the figures average over the copies' luck as well.
   */
  seeds: readonly number[];
  onFoldDone?: (fold: FoldFigures) => void;
}

/** Per-label pixel figures of one fold's test part. */
export interface LabelFigures {
  name: string;
  meanIoU: number;
  /** Pixel-level F1 over the fold's test images (TP, FP, FN pixels pooled). */
  pixelF1: number;
}

export interface FoldFigures {
  seed: number;
  fold: number;
  trainMs: number;
  auroc: number | null;
  ap: number | null;
  precision: number;
  recall: number;
  f1: number;
  /** F1 the threshold calibration promised: its own pooled held-out images within the training part. */
  calibrationF1: number;
  /** The patch features' pooling the fold's training chose by that F1. */
  featurePooling: FeaturePooling;
  /** Which draw of the framed copies the fold's training used (its seed). */
  framedCopyDraw: number;
  perLabel: LabelFigures[];
  /** Segmentation models: the head's chosen epoch and mask threshold, to see what a seed changes. */
  head?: { bestEpoch: number; epochs: number; maskProbabilityThreshold: number; validationMeanIoU: number | null };
  stressImages: number;
  stressFalseAlarms: number;
}

export interface PerImageRow {
  file: string;
  seed: number;
  fold: number;
  trueClass: TrainingImage['classification'];
  score: number;
  verdict: TrainingImage['classification'];
  /** Per-label IoU of the predicted mask; null where neither mask has the label. Segmentation models only. */
  iou?: Record<string, number | null>;
}

export interface StressRow {
  file: string;
  variant: string;
  seed: number;
  score: number;
  falseAlarm: boolean;
}

export interface CrossValidationResults {
  folds: number;
  seeds: number[];
  /** `mean ± std` over the folds × seeds models; std is the sample standard deviation. */
  spread: 'sample standard deviation over folds × seeds, with min and max';
  figures: Record<string, Spread>;
  /** Each figure's per-seed mean (over that seed's K folds), spread over the seeds: how much a rerun moves it. */
  seedMeans: Record<string, Spread>;
  /** Out-of-fold verdicts of all images, pooled per seed: what a user would have seen. */
  pooled: { seed: number; falseAlarms: number; misses: number; normals: number; anomalies: number; f1: number }[];
  stress: StressSummary;
  foldFigures: FoldFigures[];
  perImage: PerImageRow[];
  stressRows: StressRow[];
  trainMs: Spread;
  detectMs: number[];
  modelBytes: number;
  bankSize: number;
}

export interface StressSummary {
  images: number;
  /** The figure: the share of all transformed held-out normals flagged. */
  falseAlarmRate: number;
  /**
   * The share flagged among transformed copies of normals the same fold model passed untransformed: what the
   * framing itself costs, apart from held-out normals that are false alarms however they are framed.
   */
  falseAlarmRateOnPassedNormals: number;
  byVariant: Record<string, number>;
}

/** The figures without the per-image and per-detection rows. */
export type CrossValidationSummary = Omit<CrossValidationResults, 'perImage' | 'stressRows' | 'detectMs'>;

export async function crossValidate(options: CrossValidationOptions): Promise<CrossValidationResults> {
  const features = new Map<string, Float32Array>();
  const featureCache: FeatureCache = {
    get: (key, featureSet) => features.get(`${featureSet}/${key}`),
    set: (key, featureSet, value) => {
      features.set(`${featureSet}/${key}`, value);
    },
  };
  const foldFigures: FoldFigures[] = [];
  const perImage: PerImageRow[] = [];
  const stressRows: StressRow[] = [];
  const detectMs: number[] = [];
  let last: TrainingResult | undefined;
  for (const seed of options.seeds) {
    const foldOf = stratifiedFolds(options.images, options.folds, seed);
    for (let fold = 0; fold < options.folds; fold += 1) {
      const split = {
        seed,
        trainIds: options.images.filter((image) => foldOf.get(image.id) !== fold).map((image) => image.id),
        testIds: options.images.filter((image) => foldOf.get(image.id) === fold).map((image) => image.id),
      };
      const started = performance.now();
      const result = await trainAnomalyModel({
        images: options.images,
        split,
        labels: options.labels,
        backboneId: options.backboneId,
        backboneModel: options.backboneModel,
        seed,
        coresetRatio: options.coresetRatio,
        framedCopies: options.framedCopies,
        framedCopyTransforms: options.framedCopyTransforms,
        framedCopyDraw: seed,
        operatingPoint: options.operatingPoint,
        region: options.region,
        featureCache,
      });
      const trainMs = performance.now() - started;
      const testImages = split.testIds.map((id) => options.images.find((image) => image.id === id)!);
      perImage.push(...perImageRows(result, testImages, options.labels, seed, fold));
      const stress = await scoreStressSet(
        result,
        testImages.filter((image) => image.classification === 'normal'),
        seed,
        detectMs,
      );
      stressRows.push(...stress);
      const figures = foldFiguresOf(result, seed, fold, trainMs, stress);
      foldFigures.push(figures);
      options.onFoldDone?.(figures);
      last = result;
    }
  }
  return {
    folds: options.folds,
    seeds: [...options.seeds],
    spread: 'sample standard deviation over folds × seeds, with min and max',
    figures: summariseFigures(foldFigures),
    seedMeans: spreadOfSeedMeans(foldFigures, options.seeds),
    pooled: options.seeds.map((seed) =>
      pooledVerdicts(
        perImage.filter((row) => row.seed === seed),
        seed,
      ),
    ),
    stress: summariseStress(stressRows, perImage),
    foldFigures,
    perImage,
    stressRows,
    trainMs: spreadOf(foldFigures.map((figures) => figures.trainMs)),
    detectMs,
    modelBytes: last?.modelBytes.length ?? 0,
    bankSize: last?.metadata.training.bankSize ?? 0,
  };
}

/** Fold per image id, dealt per class so every fold holds its share of normals and of anomalies. */
export function stratifiedFolds(images: readonly TrainingImage[], folds: number, seed: number): Map<string, number> {
  const idsOf = (classification: TrainingImage['classification']) => images.filter((image) => image.classification === classification).map((image) => image.id);
  return new Map([...assignFolds(idsOf('normal'), folds, seed), ...assignFolds(idsOf('anomaly'), folds, seed)]);
}

function perImageRows(
  result: TrainingResult,
  testImages: readonly TrainingImage[],
  labels: readonly SegmentationLabel[],
  seed: number,
  fold: number,
): PerImageRow[] {
  const byId = new Map(testImages.map((image) => [image.id, image]));
  return result.perImage.map((row) => {
    const image = byId.get(row.id)!;
    return {
      file: row.id,
      seed,
      fold,
      trueClass: row.actual,
      score: row.score,
      verdict: row.isAnomalous ? 'anomaly' : 'normal',
      ...(row.predictedMask ? { iou: imageIoU(row.predictedMask, image.mask ?? new Uint8Array(row.predictedMask.length), labels) } : {}),
    };
  });
}

/** IoU per label of one image; null where the label is in neither mask (it then counts in no mean IoU). */
export function imageIoU(predicted: Uint8Array, groundTruth: Uint8Array, labels: readonly SegmentationLabel[]): Record<string, number | null> {
  const accumulator = new PixelMetricsAccumulator(labels);
  accumulator.add(predicted, groundTruth);
  return Object.fromEntries(
    accumulator
      .results()
      .map((label) => [label.name, label.truePositivePixels + label.falsePositivePixels + label.falseNegativePixels > 0 ? label.meanIoU : null]),
  );
}

async function scoreStressSet(result: TrainingResult, normals: readonly TrainingImage[], seed: number, detectMs: number[]): Promise<StressRow[]> {
  const session = await ort.InferenceSession.create(result.modelBytes, sessionOptions());
  try {
    const rows: StressRow[] = [];
    for (const image of normals) {
      for (const variant of stressVariants) {
        const transformed = variant.apply(image);
        const started = performance.now();
        const detection = await detectWithPackagedModel(session, transformed.rgb, transformed.width, transformed.height, result.metadata);
        detectMs.push(performance.now() - started);
        rows.push({ file: image.id, variant: variant.name, seed, score: detection.score, falseAlarm: detection.isAnomalous });
      }
    }
    return rows;
  } finally {
    await session.release();
  }
}

function foldFiguresOf(result: TrainingResult, seed: number, fold: number, trainMs: number, stress: readonly StressRow[]): FoldFigures {
  const { image, perLabel, calibration } = result.evaluation;
  return {
    seed,
    fold,
    trainMs: Math.round(trainMs),
    auroc: image.rocAuc,
    ap: image.averagePrecision,
    precision: image.precision,
    recall: image.recall,
    f1: image.f1,
    calibrationF1: calibration.heldOut.f1,
    featurePooling: result.metadata.training.featurePooling ?? defaultFeaturePooling,
    framedCopyDraw: seed,
    perLabel: (perLabel ?? []).map((label) => ({ name: label.name, meanIoU: label.meanIoU, pixelF1: label.f1 })),
    ...(result.segmentation
      ? {
          head: {
            bestEpoch: result.segmentation.bestEpoch,
            epochs: result.segmentation.epochs,
            maskProbabilityThreshold: result.segmentation.maskProbabilityThreshold,
            validationMeanIoU: result.segmentation.validationMeanIoU,
          },
        }
      : {}),
    stressImages: stress.length,
    stressFalseAlarms: stress.filter((row) => row.falseAlarm).length,
  };
}

/** One spread per figure; AUROC/AP skip folds where they are undefined (a one-class test part). */
export function summariseFigures(folds: readonly FoldFigures[]): Record<string, Spread> {
  const figures: Record<string, Spread> = {};
  const add = (name: string, values: readonly (number | null)[]) => {
    const defined = values.filter((value): value is number => value !== null);
    if (defined.length > 0) figures[name] = spreadOf(defined);
  };
  add(
    'auroc',
    folds.map((fold) => fold.auroc),
  );
  add(
    'ap',
    folds.map((fold) => fold.ap),
  );
  add(
    'f1',
    folds.map((fold) => fold.f1),
  );
  add(
    'precision',
    folds.map((fold) => fold.precision),
  );
  add(
    'recall',
    folds.map((fold) => fold.recall),
  );
  add(
    'calibrationF1',
    folds.map((fold) => fold.calibrationF1),
  );
  for (const name of new Set(folds.flatMap((fold) => fold.perLabel.map((label) => label.name)))) {
    const labelFigures = folds.map((fold) => fold.perLabel.find((label) => label.name === name) ?? null);
    add(
      `${name} IoU`,
      labelFigures.map((label) => label?.meanIoU ?? null),
    );
    add(
      `${name} pixel F1`,
      labelFigures.map((label) => label?.pixelF1 ?? null),
    );
  }
  add(
    'stress false alarms',
    folds.map((fold) => (fold.stressImages === 0 ? null : fold.stressFalseAlarms / fold.stressImages)),
  );
  return figures;
}

function spreadOfSeedMeans(folds: readonly FoldFigures[], seeds: readonly number[]): Record<string, Spread> {
  const perSeed = seeds.map((seed) => summariseFigures(folds.filter((fold) => fold.seed === seed)));
  return Object.fromEntries(
    Object.keys(perSeed[0] ?? {}).map((name) => [name, spreadOf(perSeed.flatMap((figures) => (figures[name] ? [figures[name].mean] : [])))]),
  );
}

function pooledVerdicts(rows: readonly PerImageRow[], seed: number) {
  const normals = rows.filter((row) => row.trueClass === 'normal');
  const anomalies = rows.filter((row) => row.trueClass === 'anomaly');
  const falseAlarms = normals.filter((row) => row.verdict === 'anomaly').length;
  const misses = anomalies.filter((row) => row.verdict === 'normal').length;
  return { seed, falseAlarms, misses, normals: normals.length, anomalies: anomalies.length, f1: summarise(anomalies.length - misses, falseAlarms, misses).f1 };
}

/** Stress figures over all rows, over the copies of normals their fold model passed, and per variant. */
export function summariseStress(stressRows: readonly StressRow[], perImage: readonly PerImageRow[]): StressSummary {
  const passed = new Set(perImage.filter((row) => row.trueClass === 'normal' && row.verdict === 'normal').map((row) => `${row.seed}/${row.file}`));
  const falseAlarmShare = (rows: readonly StressRow[]) => share(rows, (row) => row.falseAlarm);
  return {
    images: stressRows.length,
    falseAlarmRate: falseAlarmShare(stressRows),
    falseAlarmRateOnPassedNormals: falseAlarmShare(stressRows.filter((row) => passed.has(`${row.seed}/${row.file}`))),
    byVariant: Object.fromEntries(stressVariants.map(({ name }) => [name, falseAlarmShare(stressRows.filter((row) => row.variant === name))])),
  };
}

function share<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  return items.length === 0 ? 0 : items.filter(predicate).length / items.length;
}
