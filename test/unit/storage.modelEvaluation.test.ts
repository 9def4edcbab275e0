// What the model detail view reads: a trained version's stored evaluation with the project's labels and
// entries, each test image's predicted and ground-truth mask, and the messages for an unknown version
// number or a missing or unreadable evaluation file.
import type { IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
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
  performance: { precision: 1, recall: 1, f1: 1, auroc: 1, ap: 1, truePositives: 1, falsePositives: 0, trueNegatives: 1, falseNegatives: 0, trainingImages: 2, testingImages: 2 },
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

const evaluationJson = (perImage: unknown[]) => new Blob([JSON.stringify({ evaluation: { image: { threshold: 0.5 } }, perImage, timings: {} })]);

describe('loadModelEvaluation', () => {
  it('returns the version, its stored evaluation, the labels by index and the project entries', async () => {
    const perImage = [{ id: entries[0]!.id, entryId: entries[0]!.id, actual: 'normal', score: 0.2, rawScore: 1, isAnomalous: false, confidence: 0.9 }];
    const version = await storeVersion(1, [{ name: modelArtifactNames.evaluation, blob: evaluationJson(perImage) }]);
    const data = await loadModelEvaluation(db, project.id, 1);
    expect(data.version).toEqual(version);
    expect(data.evaluation.perImage).toEqual(perImage);
    expect(data.labels.map((label) => label.index)).toEqual([...data.labels.map((label) => label.index)].sort((a, b) => a - b));
    expect(data.labels.length).toBeGreaterThan(0);
    expect([...data.entries.keys()].sort()).toEqual(entries.map((entry) => entry.id).sort());
  });

  it.each([0, 2.5, Number.NaN, 7])('says the version no longer exists for version number %s', async (versionNumber) => {
    await storeVersion(1, [{ name: modelArtifactNames.evaluation, blob: evaluationJson([]) }]);
    expect(await failureMessage(loadModelEvaluation(db, project.id, versionNumber))).toBe(
      'This model version no longer exists. It may have been deleted in another tab.');
  });

  it('names the missing evaluation file', async () => {
    await storeVersion(1, []);
    expect(await failureMessage(loadModelEvaluation(db, project.id, 1))).toBe(
      'Model 1 has no stored evaluation (evaluation.json is missing). Train a new version to see its test results.');
  });

  it('says why a stored evaluation cannot be read', async () => {
    await storeVersion(1, [{ name: modelArtifactNames.evaluation, blob: new Blob(['{"evaluation":{}}']) }]);
    expect(await failureMessage(loadModelEvaluation(db, project.id, 1))).toBe(
      'The stored evaluation of model 1 (evaluation.json) cannot be read: it lacks the image metrics or the per-image results. Train a new version to see its test results.');
    await storeVersion(2, [{ name: modelArtifactNames.evaluation, blob: new Blob(['not json']) }]);
    expect(await failureMessage(loadModelEvaluation(db, project.id, 2))).toMatch(/^The stored evaluation of model 2 \(evaluation\.json\) cannot be read: .*JSON/);
  });
});

describe('readTestImageMasks', () => {
  it('reads the predicted mask artifact and the entry’s ground-truth mask', async () => {
    const masked = entries.find((entry) => entry.maskId !== null)!;
    const predicted = new Uint8Array(side * side).fill(1);
    const version = await storeVersion(1, [{ name: predictedMaskArtifactName(masked.id), blob: new Blob([encodeLabelMaskPng(predicted, side, side) as Uint8Array<ArrayBuffer>]) }]);
    const masks = await readTestImageMasks(db, version.id, masked.id, masked.maskId);
    expect(decodeLabelMaskPng(new Uint8Array(await masks.predicted!.arrayBuffer())).mask).toEqual(predicted);
    const groundTruth = decodeLabelMaskPng(new Uint8Array(await masks.groundTruth!.arrayBuffer()));
    expect(groundTruth.mask.some((value) => value !== 0)).toBe(true);
    const unmasked = entries.find((entry) => entry.maskId === null)!;
    expect(await readTestImageMasks(db, version.id, unmasked.id, null)).toEqual({ predicted: undefined, groundTruth: undefined });
  });
});
