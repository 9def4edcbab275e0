// The threshold's operating point carried through a stored training run (fake IndexedDB, the real engine and
// ORT): the same project and seed trained at each operating point; each records its method, no-miss flags every
// held-out anomaly, and the raw thresholds never rise from no-miss to defects first (F2) to balanced (F1).
import type { IDBPDatabase } from 'idb';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertBackbone } from '../../scripts/backbone/convertBackbone';
import type { ModelMetadata } from '../../src/contracts/modelMetadata';
import type { OperatingPoint } from '../../src/contracts/trainingWorkerApi';
import type { StoredEvaluation } from '../../src/contracts/evaluation';
import type { Project } from '../../src/domain/types';
import { modelArtifactNames, readModelArtifact } from '../../src/storage/modelFiles';
import type { SpotcheckDB } from '../../src/storage/schema';
import { defaultBackboneId } from '../../workers/engine/backbone/registry';
import { MemoryFeatureCache } from '../../workers/training/featureCache';
import { trainStoredModelVersion } from '../../workers/training/trainModelVersion';
import { useFreshDatabase } from '../fixtures/storageTestKit';
import { writeSyntheticProject } from '../fixtures/syntheticProject';
import { nodeImageDecoder } from './helpers/nodeImageDecoder';
import { trainingVersion } from './helpers/storedModels';

const seed = 11;
let db: IDBPDatabase<SpotcheckDB>;
let backboneModel: Uint8Array;
let project: Project;
useFreshDatabase((opened) => (db = opened));

beforeAll(async () => {
  backboneModel = await convertBackbone(defaultBackboneId);
}, 60_000);

const featureCache = new MemoryFeatureCache();

/** Trains a new classification version of the project at the operating point; its metadata and evaluation. */
async function trainAt(versionNumber: number, operatingPoint: OperatingPoint) {
  const version = trainingVersion(project.id, versionNumber);
  await db.put('modelVersions', version);
  await trainStoredModelVersion({ modelVersionId: version.id, backend: 'wasm', seed, operatingPoint }, () => undefined, {
    openDb: async () => db,
    decoder: nodeImageDecoder,
    loadBackbone: async () => backboneModel,
    hasWebGpu: async () => false,
    featureCache,
  });
  const text = async (name: string) => (await readModelArtifact(db, version.id, name))!.text();
  return {
    metadata: JSON.parse(await text(modelArtifactNames.metadata)) as ModelMetadata,
    evaluation: (JSON.parse(await text(modelArtifactNames.evaluation)) as StoredEvaluation).evaluation,
  };
}

describe('the operating point of a training run', () => {
  it('records each method; no-miss flags every held-out anomaly and sits at or below defects first, which sits at or below balanced', async () => {
    project = await writeSyntheticProject(db, { name: 'parts', seed: 4, side: 64, normalCount: 12, perDefectCount: 6, defectTypes: ['missing-component'] });
    const balanced = await trainAt(1, 'balanced');
    const noMiss = await trainAt(2, 'no-miss');
    const defectsFirst = await trainAt(3, 'defects-first');

    expect(balanced.metadata.training.thresholdMethod).toBe('f1-optimal');
    expect(defectsFirst.metadata.training.thresholdMethod).toBe('f2-optimal');
    expect(noMiss.metadata.training.thresholdMethod).toBe('no-miss');
    expect(noMiss.evaluation.calibration).toMatchObject({ method: 'no-miss', heldOut: { recall: 1 } });
    expect(noMiss.metadata.training.rawThreshold).toBeLessThanOrEqual(defectsFirst.metadata.training.rawThreshold);
    expect(defectsFirst.metadata.training.rawThreshold).toBeLessThanOrEqual(balanced.metadata.training.rawThreshold);
  }, 300_000);
});
