// Model packages: export writes the threshold in effect and keeps the trained one; import checks the
// package and the project (size, labels) and stores the next version TRAINED, or nothing at all.
import type { IDBPDatabase } from 'idb';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ModelPackageMetadata } from '../../src/domain/modelPackage';
import type { Project } from '../../src/domain/types';
import { modelArtifactNames, readModelArtifact, readModelFile } from '../../src/storage/modelFiles';
import { exportModelPackage, importModelVersion } from '../../src/storage/modelPackages';
import { createProject } from '../../src/storage/projects';
import type { SpotcheckDB } from '../../src/storage/schema';
import { writeNewProject } from '../../src/storage/importProject';
import { failureMessage, snapshotDatabase, useFreshDatabase } from '../fixtures/storageTestKit';
import { readModelPackage as readModelPackageBlob } from '../../workers/import/modelPackage';
import { fakeModelBytes, fakeModelBytesOf, fakeModelMetadata, storeFakeTrainedVersion } from './helpers/fakeModelFiles';

/** The import worker's reader, run here in Node on the package's bytes. */
const readModelPackage = (file: string, bytes: Uint8Array) => readModelPackageBlob(new Blob([bytes as Uint8Array<ArrayBuffer>]), file);

let db: IDBPDatabase<SpotcheckDB>;
useFreshDatabase((opened) => (db = opened));

/** A project of 64×64 images with labels scratch (mask index 1) and dent (2), and no images. */
function partsProject(
  name = 'parts',
  labels = [
    { name: 'scratch', color: '#2ca02c' },
    { name: 'dent', color: '#1f77b4' },
  ],
  side = 64,
): Promise<Project> {
  return writeNewProject(db, { name, imageSize: { width: side, height: side }, modelType: 'segmentation', labels, datasets: [] });
}

async function exportedPackage(project: Project) {
  const version = await storeFakeTrainedVersion(db, project.id, 1);
  await db.put('modelVersions', { ...version, anomalyThreshold: 0.6 });
  return exportModelPackage(db, version.id, '2026-11-21T12:00:00.000Z');
}

describe('exportModelPackage', () => {
  it('zips model.onnx unchanged and model.json with the threshold in effect, the trained one and the source', async () => {
    const exported = await exportedPackage(await partsProject());
    expect(exported.fileName).toBe('parts-model-1.zip');
    const files = unzipSync(exported.bytes);
    expect(Object.keys(files).sort()).toEqual(['model.json', 'model.onnx']);
    expect([...files['model.onnx']!]).toEqual([...fakeModelBytes]);
    const json = JSON.parse(strFromU8(files['model.json']!)) as ModelPackageMetadata;
    expect(json).toMatchObject({
      threshold: 0.6,
      trainedThreshold: 0.42,
      inputSize: { width: 64, height: 64 },
      inputFormat: 'RGB888',
      labels: [{ name: 'scratch', color: '#2ca02c', index: 1 }],
    });
    expect(json.source).toEqual({
      projectName: 'parts',
      modelVersion: 1,
      description: 'line A',
      tags: [{ Key: 'line', Value: 'A' }],
      exportedAt: '2026-11-21T12:00:00.000Z',
      performance: expect.objectContaining({ f1: 0.847 }),
    });
  });

  it('refuses a version without a model file', async () => {
    const project = await partsProject();
    const version = await storeFakeTrainedVersion(db, project.id, 1);
    await db.delete('modelArtifacts', `${version.id}/${modelArtifactNames.model}`);
    expect(await failureMessage(exportModelPackage(db, version.id))).toBe(
      'Model 1 has no model file to export: only a version whose training completed can be exported.',
    );
  });
});

describe('importModelVersion', () => {
  let source: Project;
  let packageBytes: Uint8Array;
  beforeEach(async () => {
    source = await partsProject();
    packageBytes = (await exportedPackage(source)).bytes;
  });

  it('stores the next version TRAINED with the model file, the trained metadata and the exported threshold', async () => {
    const target = await partsProject('other');
    const imported = await importModelVersion(db, target.id, 'parts-model-1.zip', await readModelPackage('parts-model-1.zip', packageBytes));
    expect(imported).toMatchObject({
      projectId: target.id,
      version: 1,
      status: 'TRAINED',
      modelType: 'segmentation',
      anomalyThreshold: 0.6,
      trainedAnomalyThreshold: 0.42,
      description: 'line A',
      tags: [{ Key: 'line', Value: 'A' }],
      statusMessage: 'Imported from parts-model-1.zip (project parts, Model 1).',
    });
    expect(imported.performance?.f1).toBe(0.847);
    const files = await readModelFile(db, imported.id);
    expect([...files!.modelBytes]).toEqual([...fakeModelBytes]);
    expect(files!.metadata).toEqual(await fakeModelMetadata());
    // Into the same project again: the next number, the first import untouched.
    expect((await importModelVersion(db, source.id, 'again.zip', await readModelPackage('again.zip', packageBytes))).version).toBe(2);
    expect(await readModelArtifact(db, imported.id, modelArtifactNames.metadata)).toBeDefined();
  });

  it('gives a project without images yet the model size', async () => {
    const empty = await createProject(db, 'fresh');
    // A classification model needs no labels in the project.
    const classification = await fakeModelMetadata({ modelType: 'classification', labels: [] });
    const source = { projectName: 'x', modelVersion: 3, description: '', tags: [], exportedAt: '2026-11-21T12:00:00.000Z' };
    const zip = zipSync({
      'model.onnx': fakeModelBytesOf('classification'),
      'model.json': strToU8(JSON.stringify({ ...classification, trainedThreshold: 0.42, source })),
    });
    await importModelVersion(db, empty.id, 'x.zip', await readModelPackage('x.zip', zip));
    expect((await db.get('projects', empty.id))!.imageSize).toEqual({ width: 64, height: 64 });
  });

  it.each([
    [
      'a project of another size',
      () => partsProject('big', undefined, 128),
      'parts-model-1.zip was trained on 64×64 images but project big uses 128×128. Import it into a project of 64×64 images, or train a new model in this project.',
    ],
    [
      'a project without the label',
      () => partsProject('dents', [{ name: 'dent', color: '#1f77b4' }]),
      'parts-model-1.zip finds the anomaly label scratch, which project dents does not have. Add that label on the Datasets page, or import the model into the project it was trained in.',
    ],
    [
      'a project numbering the label differently',
      () =>
        partsProject('swapped', [
          { name: 'dent', color: '#1f77b4' },
          { name: 'Scratch', color: '#2ca02c' },
        ]),
      'parts-model-1.zip numbers the anomaly label scratch 1 but project swapped numbers it 2, so its masks would show the wrong labels. Import the model into the project it was trained in.',
    ],
  ])('refuses %s, storing nothing', async (_case, makeProject, message) => {
    const target = await makeProject();
    const modelPackage = await readModelPackage('parts-model-1.zip', packageBytes);
    const before = await snapshotDatabase(db);
    expect(await failureMessage(importModelVersion(db, target.id, 'parts-model-1.zip', modelPackage))).toBe(message);
    expect(await snapshotDatabase(db)).toEqual(before);
  });
});

describe('readModelPackage', () => {
  const json = async (change: (metadata: Record<string, unknown>) => void) => {
    const metadata: Record<string, unknown> = {
      ...(await fakeModelMetadata()),
      trainedThreshold: 0.42,
      source: { projectName: 'p', modelVersion: 1, description: '', tags: [], exportedAt: '2026-11-21T12:00:00.000Z' },
    };
    change(metadata);
    return strToU8(JSON.stringify(metadata));
  };

  it.each([
    [
      'a file that is not a zip',
      async () => strToU8('hello'),
      'm.zip is not a zip archive, or it is truncated: its zip directory is missing. Choose the zip file itself, or copy or download it again.',
    ],
    ['a zip without model.json', async () => zipSync({ 'model.onnx': fakeModelBytes }), /^m\.zip is not a Spotcheck model package/],
    [
      'model.json that is not JSON',
      async () => zipSync({ 'model.onnx': fakeModelBytes, 'model.json': strToU8('{') }),
      /^m\.zip has unreadable model information in model\.json \(/,
    ],
    [
      'a missing input size',
      async () => zipSync({ 'model.onnx': fakeModelBytes, 'model.json': await json((m) => delete m.inputSize) }),
      'm.zip cannot be imported: its model.json has no inputSize. Export the model again from the project it was trained in, or add that field.',
    ],
    [
      'a newer format',
      async () => zipSync({ 'model.onnx': fakeModelBytes, 'model.json': await json((m) => (m.formatVersion = 99)) }),
      'm.zip was made by a newer Spotcheck (model format 99; this one reads up to 1). Update Spotcheck on this device, then import it again.',
    ],
    [
      'a changed model file',
      async () => zipSync({ 'model.onnx': Uint8Array.of(1, 2), 'model.json': await json(() => undefined) }),
      'm.zip is damaged: its model.onnx does not match the checksum in model.json. Export the model again and copy the file anew.',
    ],
  ])('refuses %s, naming the file', async (_case, bytes, message) => {
    const result = await failureMessage(readModelPackage('m.zip', await bytes()));
    if (typeof message === 'string') expect(result).toBe(message);
    else expect(result).toMatch(message);
  });

  it("keeps a segmentation head's recorded schedule and copies, and reads a head summary from before they were recorded", async () => {
    const earlier = {
      hiddenUnits: 32,
      epochs: 15,
      bestEpoch: 15,
      learningRate: 3e-3,
      minAnomalyCoverage: 0.3,
      validationImages: 0,
      maskProbabilityThreshold: 0.4,
      validationMeanIoU: null,
    };
    for (const segmentation of [{ ...earlier, weightDecay: 1e-4, batchSize: 256, cellShiftedCopies: 3 }, earlier]) {
      const bytes = zipSync({ 'model.onnx': fakeModelBytes, 'model.json': await json((m) => Object.assign(m.training as object, { segmentation })) });
      expect((await readModelPackage('m.zip', bytes)).metadata.training.segmentation).toEqual(segmentation);
    }
  });
});
