// What the model detail view reads: a trained version's stored evaluation with the project's labels and
// entries, each test image's predicted and ground-truth mask, and the messages for an unknown version
// number or a missing or unreadable evaluation file; the record's format version is checked on read (an
// older format is migrated, a newer or damaged one refused with the reason).
import type { IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { evaluationFormatVersion } from '../../src/contracts/evaluation';
import { decodeLabelMaskPng, encodeLabelMaskPng } from '../../src/domain/png';
import type { DatasetEntry, Project } from '../../src/domain/types';
import { loadModelEvaluation, readTestImageMasks } from '../../src/storage/modelEvaluation';
import { completeTraining, modelArtifactNames, type NamedArtifact, predictedMaskArtifactName, type TrainedFields } from '../../src/storage/modelFiles';
import type { SpotcheckDB } from '../../src/storage/schema';
import { failureMessage, useFreshDatabase } from '../fixtures/storageTestKit';
import { writeSyntheticProject } from '../fixtures/syntheticProject';
import { trainingVersion } from './helpers/storedModels';

let db: IDBPDatabase<SpotcheckDB>;
useFreshDatabase((opened) => (db = opened));

const side = 64;
let project: Project;
let entries: DatasetEntry[];
beforeEach(async () => {
  project = await writeSyntheticProject(db, { name: 'parts', seed: 3, side, normalCount: 2, perDefectCount: 2, defectTypes: ['scratch'] });
  entries = await db.getAllFromIndex('entries', 'by-project', project.id);
});

const fields = (testIds: string[]): TrainedFields => ({
  performance: {
    precision: 1,
    recall: 1,
    f1: 1,
    auroc: 1,
    ap: 1,
    truePositives: 1,
    falsePositives: 0,
    trueNegatives: 1,
    falseNegatives: 0,
    trainingImages: 2,
    testingImages: 2,
  },
  anomalyThreshold: 0.5,
  trainedAnomalyThreshold: 0.5,
  split: { seed: 1, trainIds: [], testIds },
  backbone: 'mobilenet_v2_mid',
  trainingDurationMs: 10,
});

async function storeVersion(version: number, artifacts: NamedArtifact[]) {
  const record = { ...trainingVersion(project.id, version, 'segmentation') };
  await db.put('modelVersions', record);
  return completeTraining(db, record.id, fields(entries.map((entry) => entry.id)), artifacts);
}

const evaluation = { image: { threshold: 0.5 }, confidence: { slope: 8 }, calibration: { method: 'f1-optimal' } };
/** `formatVersion` null: a format 1 record, written before the field existed. */
const evaluationJson = (perImage: unknown[], formatVersion: number | null = evaluationFormatVersion) =>
  new Blob([JSON.stringify({ ...(formatVersion === null ? {} : { formatVersion }), evaluation, perImage, timings: {} })]);

describe('loadModelEvaluation', () => {
  it('returns the version, its stored evaluation, the labels by index and the project entries', async () => {
    const perImage = [
      {
        entryId: entries[0]!.id,
        actual: 'normal',
        prediction: { score: 0.2, rawScore: 1, threshold: 0.5, isAnomalous: false, confidence: 0.9, labelAreas: [] },
      },
    ];
    const version = await storeVersion(1, [{ name: modelArtifactNames.evaluation, blob: evaluationJson(perImage) }]);
    const data = await loadModelEvaluation(db, project.id, 1);
    expect(data.version).toEqual(version);
    expect(data.evaluation).toEqual({ formatVersion: evaluationFormatVersion, evaluation, perImage, timings: {} });
    expect(data.labels.map((label) => label.index)).toEqual([...data.labels.map((label) => label.index)].sort((a, b) => a - b));
    expect(data.labels.length).toBeGreaterThan(0);
    expect([...data.entries.keys()].sort()).toEqual(entries.map((entry) => entry.id).sort());
  });

  it.each([0, 2.5, Number.NaN, 7])('says the version no longer exists for version number %s', async (versionNumber) => {
    await storeVersion(1, [{ name: modelArtifactNames.evaluation, blob: evaluationJson([]) }]);
    expect(await failureMessage(loadModelEvaluation(db, project.id, versionNumber))).toBe(
      'This model version no longer exists. It may have been deleted in another tab.',
    );
  });

  it('names the missing evaluation file', async () => {
    await storeVersion(1, []);
    expect(await failureMessage(loadModelEvaluation(db, project.id, 1))).toBe(
      'Model 1 has no stored evaluation (evaluation.json is missing). Train a new version to see its test results.',
    );
  });

  it('says why a stored evaluation cannot be read', async () => {
    await storeVersion(1, [{ name: modelArtifactNames.evaluation, blob: new Blob(['{"evaluation":{}}']) }]);
    expect(await failureMessage(loadModelEvaluation(db, project.id, 1))).toBe(
      'The stored evaluation of model 1 (evaluation.json) cannot be read: it lacks the image metrics or the per-image results. Train a new version to see its test results.',
    );
    await storeVersion(2, [{ name: modelArtifactNames.evaluation, blob: new Blob(['not json']) }]);
    expect(await failureMessage(loadModelEvaluation(db, project.id, 2))).toMatch(
      /^The stored evaluation of model 2 \(evaluation\.json\) cannot be read: .*JSON/,
    );
  });

  it('migrates a format 1 record (no format field, scores flat on each image) to the prediction type', async () => {
    const flat = { id: entries[0]!.id, entryId: entries[0]!.id, actual: 'anomaly', score: 0.7, rawScore: 3, isAnomalous: true, confidence: 0.8 };
    await storeVersion(1, [{ name: modelArtifactNames.evaluation, blob: evaluationJson([flat], null) }]);
    const { evaluation: stored } = await loadModelEvaluation(db, project.id, 1);
    expect(stored.formatVersion).toBe(evaluationFormatVersion);
    // The trained threshold (the image metrics') is the one each format-1 verdict was decided at.
    expect(stored.perImage).toEqual([
      { entryId: flat.entryId, actual: 'anomaly', prediction: { score: 0.7, rawScore: 3, threshold: 0.5, isAnomalous: true, confidence: 0.8, labelAreas: [] } },
    ]);
  });

  it('refuses a record of a newer format, and one whose test image lacks a field, naming it', async () => {
    await storeVersion(1, [{ name: modelArtifactNames.evaluation, blob: evaluationJson([], evaluationFormatVersion + 1) }]);
    expect(await failureMessage(loadModelEvaluation(db, project.id, 1))).toBe(
      `The stored evaluation of model 1 (evaluation.json) has format ${evaluationFormatVersion + 1}, newer than this version of Spotcheck reads (up to ${evaluationFormatVersion}). Reload Spotcheck to update it, then open the model again.`,
    );
    const noScore = {
      entryId: entries[0]!.id,
      actual: 'normal',
      prediction: { rawScore: 1, threshold: 0.5, isAnomalous: false, confidence: 0.9, labelAreas: [] },
    };
    await storeVersion(2, [{ name: modelArtifactNames.evaluation, blob: evaluationJson([noScore]) }]);
    expect(await failureMessage(loadModelEvaluation(db, project.id, 2))).toBe(
      'The stored evaluation of model 2 (evaluation.json) cannot be read: perImage[0].prediction.score is missing. Train a new version to see its test results.',
    );
    const noMethod = { ...evaluation, calibration: {} };
    await storeVersion(3, [
      {
        name: modelArtifactNames.evaluation,
        blob: new Blob([JSON.stringify({ formatVersion: evaluationFormatVersion, evaluation: noMethod, perImage: [], timings: {} })]),
      },
    ]);
    expect(await failureMessage(loadModelEvaluation(db, project.id, 3))).toBe(
      'The stored evaluation of model 3 (evaluation.json) cannot be read: evaluation.calibration.method is missing. Train a new version to see its test results.',
    );
  });
});

describe('readTestImageMasks', () => {
  it('reads the predicted mask artifact and the entry’s ground-truth mask', async () => {
    const masked = entries.find((entry) => entry.maskId !== null)!;
    const predicted = new Uint8Array(side * side).fill(1);
    const version = await storeVersion(1, [
      { name: predictedMaskArtifactName(masked.id), blob: new Blob([encodeLabelMaskPng(predicted, side, side) as Uint8Array<ArrayBuffer>]) },
    ]);
    const masks = await readTestImageMasks(db, version.id, masked.id, masked.maskId);
    expect(decodeLabelMaskPng(new Uint8Array(await masks.predicted!.arrayBuffer())).mask).toEqual(predicted);
    const groundTruth = decodeLabelMaskPng(new Uint8Array(await masks.groundTruth!.arrayBuffer()));
    expect(groundTruth.mask.some((value) => value !== 0)).toBe(true);
    const unmasked = entries.find((entry) => entry.maskId === null)!;
    expect(await readTestImageMasks(db, version.id, unmasked.id, null)).toEqual({ predicted: undefined, groundTruth: undefined });
  });
});
