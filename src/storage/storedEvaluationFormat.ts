// Reads a stored `evaluation.json` (contracts/evaluation) by its `formatVersion`: the current format is
// checked field by field where the views read it, format 1 (no version field, scores flat on each test image)
// is migrated, anything else is refused with the reason, so the model views never get a record of unknown shape.
import { evaluationFormatVersion, type StoredEvaluation, type TestImageResult } from '../contracts/evaluation';
import type { LabelArea } from '../contracts/prediction';

export type EvaluationReadFailure = { reason: 'newer'; found: number } | { reason: 'damaged'; detail: string };

export class StoredEvaluationError extends Error {
  constructor(readonly failure: EvaluationReadFailure) {
    super(failure.reason === 'newer' ? `format ${failure.found}` : failure.detail);
  }
}

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isFinite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isClass = (value: unknown): value is TestImageResult['actual'] => value === 'normal' || value === 'anomaly';

function damaged(detail: string): StoredEvaluationError {
  return new StoredEvaluationError({ reason: 'damaged', detail });
}

function field<T>(record: Fields, name: string, path: string, test: (value: unknown) => value is T, kind: string): T {
  const value = record[name];
  if (!test(value)) throw damaged(`${path}.${name} is ${value === undefined ? 'missing' : `not ${kind}`}`);
  return value;
}

const isLabelArea = (value: unknown): value is LabelArea =>
  isObject(value) && Number.isInteger(value.index) && typeof value.name === 'string' && isFinite(value.area);
const isLabelAreas = (value: unknown): value is LabelArea[] => Array.isArray(value) && value.every(isLabelArea);
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isString = (value: unknown): value is string => typeof value === 'string';

/** Format 2: `{ entryId, actual, prediction: { score, rawScore, threshold, isAnomalous, confidence, labelAreas } }`. */
function testImage(value: unknown, path: string): TestImageResult {
  if (!isObject(value)) throw damaged(`${path} is not a test image result`);
  const prediction = field(value, 'prediction', path, isObject, 'a prediction');
  const at = `${path}.prediction`;
  return {
    entryId: field(value, 'entryId', path, isString, 'an entry id'),
    actual: field(value, 'actual', path, isClass, '"normal" or "anomaly"'),
    prediction: {
      score: field(prediction, 'score', at, isFinite, 'a number'),
      rawScore: field(prediction, 'rawScore', at, isFinite, 'a number'),
      threshold: field(prediction, 'threshold', at, isFinite, 'a number'),
      isAnomalous: field(prediction, 'isAnomalous', at, isBoolean, 'true or false'),
      confidence: field(prediction, 'confidence', at, isFinite, 'a number'),
      labelAreas: field(prediction, 'labelAreas', at, isLabelAreas, 'a list of label areas'),
    },
  };
}

/** Format 1 kept the scores flat and no threshold per image: the trained one applied to all; label areas were not kept. */
function testImageOfFormat1(value: unknown, path: string, threshold: number): TestImageResult {
  if (!isObject(value)) throw damaged(`${path} is not a test image result`);
  return testImage(
    {
      entryId: value.entryId,
      actual: value.actual,
      prediction: { score: value.score, rawScore: value.rawScore, threshold, isAnomalous: value.isAnomalous, confidence: value.confidence, labelAreas: [] },
    },
    path,
  );
}

/** The record in the current format, or a StoredEvaluationError saying why it cannot be read. */
export function readStoredEvaluation(parsed: unknown): StoredEvaluation {
  if (!isObject(parsed) || !isObject(parsed.evaluation) || !isObject(parsed.evaluation.image) || !Array.isArray(parsed.perImage)) {
    throw damaged('it lacks the image metrics or the per-image results');
  }
  const formatVersion = parsed.formatVersion ?? 1;
  if (!Number.isInteger(formatVersion) || (formatVersion as number) < 1)
    throw damaged(`its formatVersion ${JSON.stringify(formatVersion)} is not a format number`);
  if ((formatVersion as number) > evaluationFormatVersion) throw new StoredEvaluationError({ reason: 'newer', found: formatVersion as number });
  const { evaluation } = parsed;
  const threshold = field(evaluation.image as Fields, 'threshold', 'evaluation.image', isFinite, 'a number');
  const confidence = field(evaluation, 'confidence', 'evaluation', isObject, 'a confidence calibration');
  field(confidence, 'slope', 'evaluation.confidence', isFinite, 'a number');
  // The model detail names the operating point the threshold was calibrated for.
  const calibration = field(evaluation, 'calibration', 'evaluation', isObject, 'a threshold calibration');
  field(calibration, 'method', 'evaluation.calibration', isString, 'a text');
  const perImage = parsed.perImage.map((image, position) =>
    formatVersion === 1 ? testImageOfFormat1(image, `perImage[${position}]`, threshold) : testImage(image, `perImage[${position}]`),
  );
  // The metrics, timings and summaries are written by training alongside and shown as stored.
  return { ...(parsed as unknown as StoredEvaluation), formatVersion: evaluationFormatVersion, perImage };
}
