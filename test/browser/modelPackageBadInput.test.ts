// Every kind of bad model package, through the real import path (the package read and checked in the
// import worker, then stored in IndexedDB) in Chromium: the person reads a message naming the file, the field of model.json
// and the fix, and every store is exactly as before. model.json is checked field by field against one
// schema, its input size against the image limits and the project, its modelType against the graph.
import { strToU8, zipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../../src/domain/types';
import { describeError } from '../../src/i18n';
import { importModelPackageFile } from '../../src/models/importModelPackageFile';
import { openSpotcheckDb } from '../../src/storage/db';
import { writeNewProject } from '../../src/storage/importProject';
import { createProject } from '../../src/storage/projects';
import { onnxProto } from '../../workers/engine/onnx/proto';
import { sha256Hex } from '../../workers/engine/packaging/metadata';
import { declareUncompressedSize } from '../fixtures/forgedZip';
import { snapshotDatabase } from '../fixtures/storageTestKit';
import { fakeModelBytesOf, fakeModelMetadata } from '../unit/helpers/fakeModelFiles';

type Json = Record<string, unknown>;

const file = 'line-a-model-1.zip';
const fix = 'Export the model again from the project it was trained in, or correct that field.';

/** A valid package of a 64×64 segmentation model finding `scratch` (index 1), changed by `change`. */
async function packageBytes(change: (metadata: Json) => void = () => undefined, modelBytes = fakeModelBytesOf('segmentation')): Promise<Uint8Array> {
  const metadata: Json = {
    ...(await fakeModelMetadata()),
    trainedThreshold: 0.42,
    source: {
      projectName: 'line-a',
      modelVersion: 1,
      description: 'first run',
      tags: [{ Key: 'line', Value: 'A' }],
      exportedAt: '2026-11-21T12:00:00.000Z',
      performance: {
        precision: 0.9,
        recall: 0.8,
        f1: 0.847,
        auroc: 0.95,
        ap: null,
        truePositives: 8,
        falsePositives: 1,
        trueNegatives: 9,
        falseNegatives: 2,
        trainingImages: 32,
        testingImages: 20,
      },
    },
  };
  change(metadata);
  return zipSync({ 'model.onnx': modelBytes, 'model.json': strToU8(JSON.stringify(metadata)) });
}

const source = (metadata: Json) => metadata.source as Json;
const packageFile = (bytes: Uint8Array) => new File([bytes as Uint8Array<ArrayBuffer>], file, { type: 'application/zip' });

let project: Project;

beforeEach(async () => {
  const db = await openSpotcheckDb();
  const name = `models-${crypto.randomUUID().slice(0, 8)}`;
  project = await writeNewProject(db, {
    name,
    imageSize: { width: 64, height: 64 },
    modelType: 'segmentation',
    labels: [{ name: 'scratch', color: '#2ca02c' }],
    datasets: [],
  });
});

async function expectRefused(projectId: string, bytes: Uint8Array, message: string) {
  const db = await openSpotcheckDb();
  const before = await snapshotDatabase(db);
  const failure = await importModelPackageFile(projectId, packageFile(bytes)).then(
    () => 'imported',
    (error: unknown) => describeError(error),
  );
  expect(failure).toBe(message);
  expect(await snapshotDatabase(db)).toEqual(before);
}

describe('model.json fields', () => {
  it.each<[string, (metadata: Json) => void, string]>([
    ['tags that are text', (m) => (source(m).tags = 'line=A'), `${file} cannot be imported: source.tags in its model.json must be a list ([ … ]). ${fix}`],
    [
      'a description that is an object',
      (m) => (source(m).description = { text: 'first run' }),
      `${file} cannot be imported: source.description in its model.json must be text ("…"). ${fix}`,
    ],
    [
      'no source',
      (m) => delete m.source,
      `${file} cannot be imported: its model.json has no source. Export the model again from the project it was trained in, or add that field.`,
    ],
    [
      'performance figures that are text',
      (m) => (source(m).performance = { ...(source(m).performance as Json), precision: '0.9' }),
      `${file} cannot be imported: source.performance.precision in its model.json must be a number from 0 to 1. ${fix}`,
    ],
    [
      'a performance figure above 1',
      (m) => ((source(m).performance as Json).f1 = 84.7),
      `${file} cannot be imported: source.performance.f1 in its model.json must be a number from 0 to 1. ${fix}`,
    ],
    [
      'a tag without a key',
      (m) => (source(m).tags = [{ Key: ' ', Value: 'A' }]),
      `${file} cannot be imported: source.tags[1].Key in its model.json must be text of 1 to 128 characters. ${fix}`,
    ],
    [
      'a tag key twice',
      (m) =>
        (source(m).tags = [
          { Key: 'line', Value: 'A' },
          { Key: 'line', Value: 'B' },
        ]),
      `${file} cannot be imported: source.tags[2] in its model.json repeats line, which may appear only once. ${fix}`,
    ],
    [
      'a tag that is text',
      (m) => (source(m).tags = ['line=A']),
      `${file} cannot be imported: source.tags[1] in its model.json must be an object of named fields ({ … }). ${fix}`,
    ],
    [
      'a model version that is not a number',
      (m) => (source(m).modelVersion = '1'),
      `${file} cannot be imported: source.modelVersion in its model.json must be a whole number of at least 1. ${fix}`,
    ],
    [
      'an export date that is not a date',
      (m) => (source(m).exportedAt = 'yesterday'),
      `${file} cannot be imported: source.exportedAt in its model.json must be a date and time such as 2026-11-21T12:00:00Z. ${fix}`,
    ],
    [
      'a region of interest past the right edge',
      (m) => (m.region = { x: 0.5, y: 0, width: 0.6, height: 1 }),
      `${file} cannot be imported: region in its model.json must be a rectangle inside the picture (x + width and y + height at most 1), at least 0.1 of each side. ${fix}`,
    ],
    ['a threshold above 1', (m) => (m.threshold = 2), `${file} cannot be imported: threshold in its model.json must be a number from 0 to 1. ${fix}`],
    [
      'an unknown model type',
      (m) => (m.modelType = 'detection'),
      `${file} cannot be imported: modelType in its model.json must be one of: classification, segmentation. ${fix}`,
    ],
    [
      'a label colour that is not #rrggbb',
      (m) => (m.labels = [{ name: 'scratch', color: 'green', index: 1 }]),
      `${file} cannot be imported: labels[1].color in its model.json must be a colour written #rrggbb. ${fix}`,
    ],
    [
      'no training summary',
      (m) => delete m.training,
      `${file} cannot be imported: its model.json has no training. Export the model again from the project it was trained in, or add that field.`,
    ],
    [
      'an unknown feature pooling',
      (m) => ((m.training as Json).featurePooling = 'none'),
      `${file} cannot be imported: training.featurePooling in its model.json must be one of: every-map, finest-map-only. ${fix}`,
    ],
    [
      'training warnings that are not a list',
      (m) => ((m.training as Json).warnings = 'none'),
      `${file} cannot be imported: training.warnings in its model.json must be a list ([ … ]). ${fix}`,
    ],
    [
      'a checksum that is not SHA-256',
      (m) => (m.sha256 = 'abc'),
      `${file} cannot be imported: sha256 in its model.json must be 64 lower-case hexadecimal digits (the SHA-256 of model.onnx). ${fix}`,
    ],
  ])('%s', async (_case, change, message) => {
    await expectRefused(project.id, await packageBytes(change), message);
  });

  it('model.json that is a list, not an object', async () => {
    const bytes = zipSync({ 'model.onnx': fakeModelBytesOf('segmentation'), 'model.json': strToU8('[1, 2]') });
    await expectRefused(
      project.id,
      bytes,
      `${file} cannot be imported: its model.json does not hold a JSON object ({ … }). Export the model again from the project it was trained in.`,
    );
  });

  it('the valid package the table changes is imported', async () => {
    const version = await importModelPackageFile(project.id, packageFile(await packageBytes((m) => (source(m).tags = [{ Key: ' line ', Value: ' A ' }]))));
    expect(version).toMatchObject({ version: 1, status: 'TRAINED', description: 'first run', tags: [{ Key: 'line', Value: 'A' }], performance: { f1: 0.847 } });
  });
});

describe('input size (spec §5 image limits, and the project size)', () => {
  const sideMessage = (field: string) =>
    `${file} cannot be imported: ${field} in its model.json must be a whole number of pixels from 64 to 4096, the image limits of Spotcheck; a model for other sizes could never judge an image. ${fix}`;

  it.each<[string, { width: number; height: number }, string]>([
    ['100000×1', { width: 100000, height: 1 }, sideMessage('inputSize.width')],
    ['10×10', { width: 10, height: 10 }, sideMessage('inputSize.width')],
    ['64×5000', { width: 64, height: 5000 }, sideMessage('inputSize.height')],
  ])('refuses %s, and a project without a size keeps none', async (_case, inputSize, message) => {
    const empty = await createProject(await openSpotcheckDb(), `empty-${crypto.randomUUID().slice(0, 8)}`);
    await expectRefused(empty.id, await packageBytes((m) => (m.inputSize = inputSize)), message);
  });

  it('refuses a size other than the project size', async () => {
    await expectRefused(
      project.id,
      await packageBytes((m) => (m.inputSize = { width: 128, height: 96 })),
      `${file} was trained on 128×96 images but project ${project.name} uses 64×64. Import it into a project of 128×96 images, or train a new model in this project.`,
    );
  });
});

describe('modelType against the graph', () => {
  it('refuses a segmentation model whose graph has no mask output', async () => {
    const graph = fakeModelBytesOf('classification');
    const checksum = await sha256Hex(graph);
    const bytes = await packageBytes((m) => (m.sha256 = checksum), graph);
    await expectRefused(
      project.id,
      bytes,
      `${file} cannot be imported: its model.json says modelType segmentation, but its model.onnx has no anomaly_mask output, so it cannot draw anomaly masks. Set modelType to classification, or export the model again from the project it was trained in.`,
    );
  });

  it.each<[string, Uint8Array, string]>([
    [
      'a model.onnx that is not ONNX',
      Uint8Array.of(0xff, 0xff, 0xff, 0xff),
      `${file} cannot be imported: its model.onnx is not an ONNX model. Export the model again from the project it was trained in.`,
    ],
    [
      'a graph without the score outputs',
      onnxProto.ModelProto.encode({ irVersion: 8, graph: { name: 'mask only', output: [{ name: 'anomaly_mask' }] } }).finish(),
      `${file} cannot be imported: its model.onnx lacks the outputs anomaly_score, anomaly_map, raw_score that every Spotcheck model gives. Export the model again from the project it was trained in.`,
    ],
  ])('refuses %s', async (_case, graph, message) => {
    const checksum = await sha256Hex(graph);
    await expectRefused(project.id, await packageBytes((m) => (m.sha256 = checksum), graph), message);
  });

  it('refuses a classification model whose graph has the mask output', async () => {
    const bytes = await packageBytes((m) => Object.assign(m, { modelType: 'classification', labels: [] }));
    await expectRefused(
      project.id,
      bytes,
      `${file} cannot be imported: its model.json says modelType classification, but its model.onnx has the anomaly_mask output of a segmentation model. Set modelType to segmentation, or export the model again from the project it was trained in.`,
    );
  });
});

describe('the zip itself (read in the import worker, sizes checked before inflating)', () => {
  it.each<[string, () => Promise<Uint8Array>, string]>([
    [
      'a model.onnx declaring more than the model cap (a zip bomb)',
      async () => declareUncompressedSize(await packageBytes(), 300 * 1024 * 1024),
      `${file}: the entry model.onnx would unpack to 300 MB; a model may be at most 200 MB. Nothing was imported; export the model again from the project it was trained in.`,
    ],
    [
      'a model.json declaring more than its cap',
      async () => declareUncompressedSize(await packageBytes(), 2 * 1024 * 1024),
      `${file}: the entry model.json would unpack to 2 MB; a model.json may be at most 1 MB. Nothing was imported; export the model again from the project it was trained in.`,
    ],
    [
      'a model.onnx that unpacks to more than it declares',
      async () => declareUncompressedSize(await packageBytes(), 16),
      `${file}: the entry model.onnx unpacks to more than the 16 bytes it declares, so the zip is damaged or forged. Nothing was imported; re-create the zip.`,
    ],
    [
      'a truncated package',
      async () => (await packageBytes()).slice(0, 100),
      `${file} is not a zip archive, or it is truncated: its zip directory is missing. Choose the zip file itself, or copy or download it again.`,
    ],
    [
      'a text file named .zip',
      async () => strToU8('not a model'),
      `${file} is not a zip archive, or it is truncated: its zip directory is missing. Choose the zip file itself, or copy or download it again.`,
    ],
  ])('refuses %s, storing nothing', async (_case, bytes, message) => {
    await expectRefused(project.id, await bytes(), message);
  });
});
