// `EvaluationResult-<project>.json` (spec §3.3): the writer, with exact keys and order, and a reader
// that also accepts the `AIoU` / `AIIOU` spellings of the mean-IoU key written by other tools.
import type { ImageMetrics, PixelLabelMetrics } from '../metrics';
import { modelArn } from './modelArn';

export interface PixelAnomalyClassMetricsJson {
  Precision: number;
  Recall: number;
  F1Score: number;
  AIOU: number;
  ClassName: string;
}

export interface EvaluationResultJson {
  Version: 1;
  EvaluationDetails: {
    ModelArn: string;
    EvaluationEndTimestamp: string;
    NumberOfTrainingImages: number;
    NumberOfTestingImages: number;
  };
  AggregatedEvaluationResults: {
    Metrics: {
      /** Null only when the test set lacks one of the classes, which the dataset rules prevent. */
      ROCAUC: number | null;
      AveragePrecision: number | null;
      Precision: number;
      Recall: number;
      F1Score: number;
      PixelAnomalyClassMetrics?: PixelAnomalyClassMetricsJson[];
    };
  };
}

export interface EvaluationResultInput {
  projectName: string;
  modelVersion: number;
  evaluationEnd: Date;
  trainingImages: number;
  testingImages: number;
  image: Pick<ImageMetrics, 'rocAuc' | 'averagePrecision' | 'precision' | 'recall' | 'f1'>;
  /** Segmentation models only: one entry per anomaly label, BACKGROUND excluded. */
  perLabel?: readonly Pick<PixelLabelMetrics, 'name' | 'precision' | 'recall' | 'f1' | 'meanIoU'>[];
}

/** UTC to the second, as the spec writes it: `2024-03-01T10:15:22Z`. */
export function formatEvaluationTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export function buildEvaluationResult(input: EvaluationResultInput): EvaluationResultJson {
  const metrics: EvaluationResultJson['AggregatedEvaluationResults']['Metrics'] = {
    ROCAUC: input.image.rocAuc,
    AveragePrecision: input.image.averagePrecision,
    Precision: input.image.precision,
    Recall: input.image.recall,
    F1Score: input.image.f1,
  };
  if (input.perLabel) {
    metrics.PixelAnomalyClassMetrics = input.perLabel.map((label) => ({
      Precision: label.precision,
      Recall: label.recall,
      F1Score: label.f1,
      AIOU: label.meanIoU,
      ClassName: label.name,
    }));
  }
  return {
    Version: 1,
    EvaluationDetails: {
      ModelArn: modelArn(input.projectName, input.modelVersion),
      EvaluationEndTimestamp: formatEvaluationTimestamp(input.evaluationEnd),
      NumberOfTrainingImages: input.trainingImages,
      NumberOfTestingImages: input.testingImages,
    },
    AggregatedEvaluationResults: { Metrics: metrics },
  };
}

export interface EvaluationLabelSummary {
  name: string;
  precision: number;
  recall: number;
  f1: number;
  meanIoU: number;
}

export interface EvaluationSummary {
  modelArn: string;
  evaluationEndTimestamp: string;
  trainingImages: number;
  testingImages: number;
  rocAuc: number | null;
  averagePrecision: number | null;
  precision: number;
  recall: number;
  f1: number;
  /** Absent for classification models. */
  perLabel?: EvaluationLabelSummary[];
}

const meanIoUKeys = ['AIOU', 'AIoU', 'AIIOU'] as const;

/** Thrown with the JSON path of the first missing or mistyped value. */
export class EvaluationResultFormatError extends Error {
  readonly path: string;

  constructor(path: string) {
    super(`EvaluationResult: ${path} is missing or not of the expected type`);
    this.name = 'EvaluationResultFormatError';
    this.path = path;
  }
}

type JsonObject = Record<string, unknown>;

function objectAt(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new EvaluationResultFormatError(path);
  return value as JsonObject;
}

function numberAt(parent: JsonObject, key: string, path: string): number {
  const value = parent[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new EvaluationResultFormatError(`${path}.${key}`);
  return value;
}

function nullableNumberAt(parent: JsonObject, key: string, path: string): number | null {
  return parent[key] === null ? null : numberAt(parent, key, path);
}

function stringAt(parent: JsonObject, key: string, path: string): string {
  const value = parent[key];
  if (typeof value !== 'string') throw new EvaluationResultFormatError(`${path}.${key}`);
  return value;
}

function readLabel(value: unknown, path: string): EvaluationLabelSummary {
  const label = objectAt(value, path);
  const meanIoUKey = meanIoUKeys.find((key) => key in label);
  if (meanIoUKey === undefined) throw new EvaluationResultFormatError(`${path}.AIOU`);
  return {
    name: stringAt(label, 'ClassName', path),
    precision: numberAt(label, 'Precision', path),
    recall: numberAt(label, 'Recall', path),
    f1: numberAt(label, 'F1Score', path),
    meanIoU: numberAt(label, meanIoUKey, path),
  };
}

/** Reads a parsed EvaluationResult file; unknown keys are ignored. */
export function readEvaluationResult(value: unknown): EvaluationSummary {
  const root = objectAt(value, '$');
  const details = objectAt(root.EvaluationDetails, '$.EvaluationDetails');
  const aggregated = objectAt(root.AggregatedEvaluationResults, '$.AggregatedEvaluationResults');
  const metricsPath = '$.AggregatedEvaluationResults.Metrics';
  const metrics = objectAt(aggregated.Metrics, metricsPath);
  const summary: EvaluationSummary = {
    modelArn: stringAt(details, 'ModelArn', '$.EvaluationDetails'),
    evaluationEndTimestamp: stringAt(details, 'EvaluationEndTimestamp', '$.EvaluationDetails'),
    trainingImages: numberAt(details, 'NumberOfTrainingImages', '$.EvaluationDetails'),
    testingImages: numberAt(details, 'NumberOfTestingImages', '$.EvaluationDetails'),
    rocAuc: nullableNumberAt(metrics, 'ROCAUC', metricsPath),
    averagePrecision: nullableNumberAt(metrics, 'AveragePrecision', metricsPath),
    precision: numberAt(metrics, 'Precision', metricsPath),
    recall: numberAt(metrics, 'Recall', metricsPath),
    f1: numberAt(metrics, 'F1Score', metricsPath),
  };
  const perLabel = metrics.PixelAnomalyClassMetrics;
  if (perLabel !== undefined) {
    const labelsPath = `${metricsPath}.PixelAnomalyClassMetrics`;
    if (!Array.isArray(perLabel)) throw new EvaluationResultFormatError(labelsPath);
    summary.perLabel = perLabel.map((label: unknown, index) => readLabel(label, `${labelsPath}[${index}]`));
  }
  return summary;
}
