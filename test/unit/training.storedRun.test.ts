// A training run of a stored version under Node (fake IndexedDB, the real engine and ORT): the project
// read from storage, the recorded stratified split, every artifact with TRAINED in one transaction,
// progress, the feature cache, and bad or cancelled runs that leave the store as it was.
import type { IDBPDatabase } from 'idb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { convertBackbone } from '../../scripts/backbone/convertBackbone';
import { decodeLabelMaskPng } from '../../src/domain/png';
import { splitDataset } from '../../src/domain/split';
import type { ModelVersion, Project } from '../../src/domain/types';
import { listEntries, listDatasets } from '../../src/storage/datasets';
import { setProjectRegion } from '../../src/storage/projects';
import { modelArtifactNames, predictedMaskArtifactName, readModelArtifact } from '../../src/storage/modelFiles';
import type { SpotcheckDB } from '../../src/storage/schema';
import { defaultBackboneId } from '../../workers/engine/backbone/registry';
import { featurePoolings } from '../../workers/engine/features';
import { defaultCellShiftedCopies, defaultFramedCopies } from '../../workers/engine/training';
import { MemoryFeatureCache } from '../../workers/training/featureCache';
import { evaluationFormatVersion, type StoredEvaluation } from '../../src/contracts/evaluation';
import { trainStoredModelVersion, type TrainingEnvironment } from '../../workers/training/trainModelVersion';
import type { TrainingProgressReport } from '../../src/contracts/trainingWorkerApi';
import { failureMessage, snapshotDatabase, useFreshDatabase } from '../fixtures/storageTestKit';
import { writeSyntheticProject } from '../fixtures/syntheticProject';
import { nodeImageDecoder } from './helpers/nodeImageDecoder';
import { trainingVersion } from './helpers/storedModels';

const side = 64;
const seed = 11;
/** A few epochs of the head: enough to exercise it, quick on this machine. */
const headSchedule = { maxEpochs: 3 };

let db: IDBPDatabase<SpotcheckDB>;
let backboneModel: Uint8Array;
let project: Project;
let version: ModelVersion;
useFreshDatabase((opened) => (db = opened));

beforeAll(async () => {
  backboneModel = await convertBackbone(defaultBackboneId);
}, 60_000);

beforeEach(async () => {
  project = await writeSyntheticProject(db, { name: 'parts', seed: 4, side, normalCount: 12, perDefectCount: 6, defectTypes: ['missing-component'] });
  version = trainingVersion(project.id, 1, 'segmentation');
  await db.put('modelVersions', version);
});

function environment(overrides: Partial<TrainingEnvironment> = {}): TrainingEnvironment {
  return { openDb: async () => db, decoder: nodeImageDecoder, loadBackbone: async () => backboneModel, hasWebGpu: async () => false, ...overrides };
}

const text = async (name: string) => (await readModelArtifact(db, version.id, name))!.text();

describe('training a stored model version', () => {
  it('commits the model, its evaluation files and masks, the split and the figures with TRAINED', async () => {
    const progress: TrainingProgressReport[] = [];
    const featureCache = new MemoryFeatureCache();
    await trainStoredModelVersion(
      { modelVersionId: version.id, backend: 'auto', seed, segmentation: headSchedule },
      (report) => progress.push(report),
      environment({ featureCache }),
    );

    const trained = (await db.get('modelVersions', version.id))!;
    const [train] = await listDatasets(db, project.id);
    const entries = await listEntries(db, train!.id);
    const expectedSplit = splitDataset(
      entries.map((entry) => ({ id: entry.id, classification: entry.classification!, anomalyLabelIds: entry.anomalyLabelIds })),
      seed,
    );
    expect(trained).toMatchObject({
      status: 'TRAINED',
      backbone: defaultBackboneId,
      split: { seed, trainIds: expectedSplit.trainIds, testIds: expectedSplit.testIds },
    });
    expect(trained.anomalyThreshold).toBe(trained.trainedAnomalyThreshold);
    expect(trained.trainingDurationMs).toBeGreaterThan(0);

    const stored = JSON.parse(await text(modelArtifactNames.evaluation)) as StoredEvaluation;
    expect(stored.perImage.map((image) => image.entryId)).toEqual(expectedSplit.testIds);
    expect(stored.formatVersion).toBe(evaluationFormatVersion);
    expect(stored.perImage.every((image) => !('predictedMask' in image) && !('labelMask' in image.prediction))).toBe(true);
    const { image } = stored.evaluation;
    expect(trained.performance).toEqual({
      precision: image.precision,
      recall: image.recall,
      f1: image.f1,
      auroc: image.rocAuc,
      ap: image.averagePrecision,
      ...image.counts,
      trainingImages: expectedSplit.trainIds.length,
      testingImages: expectedSplit.testIds.length,
    });
    const metadata = JSON.parse(await text(modelArtifactNames.metadata));
    expect(metadata).toMatchObject({ modelType: 'segmentation', threshold: trained.anomalyThreshold, labels: [{ name: 'missing-component', index: 3 }] });
    expect((await readModelArtifact(db, version.id, modelArtifactNames.model))!.size).toBeGreaterThan(100_000);
    const result = JSON.parse(await text(modelArtifactNames.evaluationResult));
    expect(result.EvaluationDetails).toMatchObject({ ModelArn: 'spotcheck:project/parts/model/1', NumberOfTestingImages: expectedSplit.testIds.length });
    expect(result.AggregatedEvaluationResults.Metrics.PixelAnomalyClassMetrics[0].ClassName).toBe('missing-component');
    const manifest = (await text(modelArtifactNames.evaluationManifest))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(manifest.map((line) => line['source-ref'])).toEqual(expectedSplit.testIds.map((id) => entries.find((entry) => entry.id === id)!.sourceRef));
    for (const id of expectedSplit.testIds) {
      const png = await readModelArtifact(db, version.id, predictedMaskArtifactName(id));
      expect(decodeLabelMaskPng(new Uint8Array(await png!.arrayBuffer()))).toMatchObject({ width: side, height: side });
    }

    const overall = progress.map((report) => report.overallPercent);
    expect(overall).toEqual([...overall].sort((a, b) => a - b));
    expect(overall.at(-1)).toBeCloseTo(100, 5);
    expect(progress.some((report) => report.stage === 'segmentation' && report.epoch === 1 && report.loss! > 0)).toBe(true);
    expect(progress.at(-1)!.remainingMs).toBeCloseTo(0, 5);
    // Every entry, plus the re-framed copies of the normal training images the memory bank learns from and the
    // cell-shifted copies of the masked anomalous ones the head learns from, once per pooling.
    const trainEntries = entries.filter((entry) => expectedSplit.trainIds.includes(entry.id));
    const trainNormals = trainEntries.filter((entry) => entry.classification === 'normal');
    const maskedTrainAnomalies = trainEntries.filter((entry) => entry.classification === 'anomaly' && entry.maskId !== null);
    expect(maskedTrainAnomalies.length).toBeGreaterThan(0);
    const copies = trainNormals.length * defaultFramedCopies + maskedTrainAnomalies.length * defaultCellShiftedCopies;
    expect(featureCache.size).toBe((entries.length + copies) * featurePoolings.length);
  }, 300_000);

  it("trains with the project's region of interest and records it in the stored model's metadata", async () => {
    const region = { x: 0.125, y: 0.125, width: 0.75, height: 0.75 };
    await setProjectRegion(db, project.id, region);
    await trainStoredModelVersion({ modelVersionId: version.id, backend: 'auto', seed, segmentation: headSchedule }, () => undefined, environment());
    expect(JSON.parse(await text(modelArtifactNames.metadata)).region).toEqual(region);
  });

  it('lists every picture that does not decode and stores nothing', async () => {
    const [train] = await listDatasets(db, project.id);
    const victims = (await listEntries(db, train!.id)).slice(0, 2);
    for (const entry of victims) await db.put('images', { id: entry.imageId, blob: new Blob(['not a picture'], { type: 'image/png' }) });
    const before = await snapshotDatabase(db);
    const message = await failureMessage(trainStoredModelVersion({ modelVersionId: version.id, backend: 'wasm', seed }, () => undefined, environment()));
    expect(message).toBe(
      `Training stopped: 2 images could not be decoded (${victims.map((entry) => entry.sourceRef).join(', ')}). Remove them from the dataset or import them again, then train again.`,
    );
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('names the entries whose stored picture is missing', async () => {
    const [train] = await listDatasets(db, project.id);
    const [victim] = await listEntries(db, train!.id);
    await db.delete('images', victim!.imageId);
    expect(await failureMessage(trainStoredModelVersion({ modelVersionId: version.id, backend: 'wasm' }, () => undefined, environment()))).toBe(
      `Training cannot start: the stored picture or mask of ${victim!.sourceRef} is missing. Remove that image and import it again.`,
    );
  });

  it('stops when cancelled and stores nothing', async () => {
    const controller = new AbortController();
    const before = await snapshotDatabase(db);
    const run = trainStoredModelVersion(
      { modelVersionId: version.id, backend: 'wasm', seed },
      (report) => {
        if (report.stage === 'memory-bank') controller.abort(new Error('Training was cancelled'));
      },
      environment({ signal: controller.signal }),
    );
    await expect(run).rejects.toThrow('Training was cancelled');
    expect(await snapshotDatabase(db)).toEqual(before);
  }, 300_000);

  it('refuses a version that is not TRAINING', async () => {
    await db.put('modelVersions', { ...version, status: 'TRAINING_FAILED' });
    expect(await failureMessage(trainStoredModelVersion({ modelVersionId: version.id, backend: 'wasm' }, () => undefined, environment()))).toMatch(
      /cannot change from TRAINING_FAILED to TRAINED/,
    );
  });
});
