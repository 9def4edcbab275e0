// The one schema of a model package's `model.json` (spec §9 item 4): every field, its type and its range,
// checked before anything is stored. Reading returns a copy holding only the fields the schema knows, or
// throws the first wrong field by its path (e.g. `source.tags[2].Key`) and what it must be, so that no
// malformed value (tags that are not a list, a description that is an object, a figure that is text)
// ever reaches a stored record and, through it, a page.
import { UserFacingError } from './errors';
import { maxTagKeyLength, maxTagsPerModel, maxTagValueLength } from './modelTags';
import { maxImageSidePx, maxLabelsPerProject, minImageSidePx } from './rules/limits';
import type { ModelPackageMetadata } from './modelPackage';
import type { PackagedTestResult } from '../contracts/importCheck';
import { isValidInspectionRegion, minRegionShare } from './inspectionRegion';
import type { InspectionRegion } from './inspectionRegion';

/** A field that does not fit: its path, the kind of value it must be (an i18n context) and that kind's limits. */
class FieldProblem {
  constructor(
    readonly field: string,
    readonly expected: string,
    readonly limits: Record<string, string | number> = {},
  ) {}
}

type Reader<T> = (value: unknown, path: string) => T;

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function check<T>(expected: string, test: (value: unknown) => boolean, limits: Record<string, string | number> = {}): Reader<T> {
  return (value, path) => {
    if (value === undefined) throw new FieldProblem(path, 'missing');
    if (!test(value)) throw new FieldProblem(path, expected, limits);
    return value as T;
  };
}

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const number = check<number>('number', finite);
const ratio = check<number>('ratio', (value) => finite(value) && value >= 0 && value <= 1);
const positiveNumber = check<number>('positiveNumber', (value) => finite(value) && value > 0);
const nonNegativeNumber = check<number>('nonNegativeNumber', (value) => finite(value) && value >= 0);
const wholeNumber = (min: number, max?: number) =>
  check<number>(
    max === undefined ? 'wholeNumber' : 'wholeNumberRange',
    (value) => Number.isInteger(value) && (value as number) >= min && (value as number) <= (max ?? Infinity),
    { min, ...(max === undefined ? {} : { max }) },
  );
const count = wholeNumber(0);
/** Spec §5: an image side is 64–4096 px; a model for other sides would make its project unable to hold images. */
const imageSide = check<number>('imageSide', (value) => Number.isInteger(value) && (value as number) >= minImageSidePx && (value as number) <= maxImageSidePx, {
  min: minImageSidePx,
  max: maxImageSidePx,
});
/** Any text, or (with `max`) text of `min`–`max` characters once trimmed. */
const text = (min = 0, max?: number) =>
  check<string>(
    max === undefined ? 'text' : 'textRange',
    (value) => typeof value === 'string' && value.trim().length >= min && value.trim().length <= (max ?? Infinity),
    max === undefined ? {} : { min, max },
  );
const date = check<string>('date', (value) => typeof value === 'string' && !Number.isNaN(Date.parse(value)));
const hexColor = check<string>('color', (value) => typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value));
const sha256 = check<string>('sha256', (value) => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value));
const oneOf = <T extends string>(...choices: T[]) => check<T>('oneOf', (value) => choices.includes(value as T), { choices: choices.join(', ') });

/** Fractions of the input; the rectangle must lie inside it and keep `minRegionShare` of each side. */
function inspectionRegion(value: unknown, path: string): InspectionRegion {
  const region = object<InspectionRegion>({ x: ratio, y: ratio, width: ratio, height: ratio })(value, path);
  if (!isValidInspectionRegion(region)) throw new FieldProblem(path, 'region', { min: minRegionShare });
  return region;
}

function optional<T>(read: Reader<T>): Reader<T | undefined> {
  return (value, path) => (value === undefined ? undefined : read(value, path));
}

function nullable<T>(read: Reader<T>): Reader<T | null> {
  return (value, path) => (value === null ? null : read(value, path));
}

type Shape<T> = { [K in keyof T]-?: Reader<T[K]> };

/** An object of exactly these fields (others are dropped); an optional field left out stays out. */
function object<T>(shape: Shape<T>): Reader<T> {
  return (value, path) => {
    if (value === undefined) throw new FieldProblem(path, 'missing');
    if (!isPlainObject(value)) throw new FieldProblem(path, 'object');
    const read: Record<string, unknown> = {};
    for (const [key, readField] of Object.entries(shape) as [string, Reader<unknown>][]) {
      const field = readField(value[key], path ? `${path}.${key}` : key);
      if (field !== undefined) read[key] = field;
    }
    return read as T;
  };
}

function list<T>(item: Reader<T>, maxItems: number, uniqueBy?: (item: T) => string): Reader<T[]> {
  return (value, path) => {
    if (value === undefined) throw new FieldProblem(path, 'missing');
    if (!Array.isArray(value)) throw new FieldProblem(path, 'list', { max: maxItems });
    if (value.length > maxItems) throw new FieldProblem(path, 'tooMany', { max: maxItems });
    const seen = new Set<string>();
    return value.map((entry, index) => {
      const read = item(entry, `${path}[${index + 1}]`);
      const key = uniqueBy?.(read);
      if (key !== undefined && seen.has(key)) throw new FieldProblem(`${path}[${index + 1}]`, 'repeated', { value: key });
      if (key !== undefined) seen.add(key);
      return read;
    });
  };
}

const trainingImages = object({ normal: count, anomaly: count });

const modelPackageMetadata: Reader<ModelPackageMetadata> = object<ModelPackageMetadata>({
  formatVersion: wholeNumber(1),
  modelType: oneOf('classification', 'segmentation'),
  backbone: text(1, 200),
  inputSize: object({ width: imageSide, height: imageSide }),
  inputFormat: oneOf('RGB888'),
  region: optional(inspectionRegion),
  threshold: ratio,
  trainedThreshold: ratio,
  confidenceSlope: nonNegativeNumber,
  normalisation: object({ c: number, s: positiveNumber }),
  labels: list(object({ name: text(1, 200), color: hexColor, index: wholeNumber(1, 255) }), maxLabelsPerProject, (label) => label.name.toLowerCase()),
  training: object({
    trainingImages,
    testingImages: trainingImages,
    splitSeed: number,
    coresetRatio: ratio,
    bankSize: count,
    calibrationFolds: count,
    thresholdMethod: text(0, 200),
    rawThreshold: number,
    featurePooling: optional(oneOf('every-map', 'finest-map-only')),
    warnings: list(text(), 1000),
    trainedAt: date,
    segmentation: optional(
      object({
        hiddenUnits: count,
        epochs: count,
        bestEpoch: count,
        learningRate: positiveNumber,
        minAnomalyCoverage: ratio,
        validationImages: count,
        maskProbabilityThreshold: ratio,
        validationMeanIoU: nullable(ratio),
        weightDecay: optional(nonNegativeNumber),
        batchSize: optional(wholeNumber(1)),
        cellShiftedCopies: optional(count),
      }),
    ),
  }),
  sha256,
  source: object({
    projectName: text(1, 200),
    modelVersion: wholeNumber(1),
    description: text(),
    tags: list(object({ Key: text(1, maxTagKeyLength), Value: text(0, maxTagValueLength) }), maxTagsPerModel, (tag) => tag.Key.trim()),
    performance: optional(
      object({
        precision: ratio,
        recall: ratio,
        f1: ratio,
        auroc: nullable(ratio),
        ap: nullable(ratio),
        truePositives: count,
        falsePositives: count,
        trueNegatives: count,
        falseNegatives: count,
        trainingImages: count,
        testingImages: count,
      }),
    ),
    exportedAt: date,
  }),
});

/** The checked copy of a parsed `evaluation.json` (the test results the import re-runs); throws `modelPackage.badTestResults` naming the field. */
export function readPackagedTestResults(file: string, value: unknown): PackagedTestResult[] {
  try {
    return packagedTestResults(value, 'evaluation');
  } catch (error) {
    if (!(error instanceof FieldProblem)) throw error;
    throw new UserFacingError('modelPackage.badTestResults', { file, field: error.field });
  }
}

/** As many results as a package may carry test images (spec §5 caps a dataset below this). */
const maxPackagedTestResults = 100_000;
const packagedTestResults: Reader<PackagedTestResult[]> = list(
  object<PackagedTestResult>({
    file: text(1),
    contentHash: optional(sha256),
    score: ratio,
    threshold: ratio,
    isAnomalous: check<boolean>('boolean', (value) => typeof value === 'boolean'),
  }),
  maxPackagedTestResults,
);

/**
 * The checked copy of a parsed `model.json`; throws `modelPackage.badField` (context: the kind of value
 * expected) naming the file and the field.
 */
export function readModelPackageMetadata(file: string, value: unknown): ModelPackageMetadata {
  try {
    return modelPackageMetadata(value, '');
  } catch (error) {
    if (!(error instanceof FieldProblem)) throw error;
    if (error.field === '') throw new UserFacingError('modelPackage.notObject', { file });
    throw new UserFacingError('modelPackage.badField', { file, field: error.field, context: error.expected, ...error.limits });
  }
}
