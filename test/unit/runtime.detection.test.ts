// The detection runtime (spec §4.3) on a real packaged model stored in (fake) IndexedDB: every
// ModelStatus, every error code, input conversion, the threshold in effect (held in memory, re-read on change), and the store
// left untouched by refused calls.
import type { IDBPDatabase } from 'idb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { convertBackbone } from '../../scripts/backbone/convertBackbone';
import { UserFacingError } from '../../src/domain/errors';
import { encodeRgbaPng } from '../../src/domain/png';
import type { ModelVersion, Project } from '../../src/domain/types';
import { setModelThreshold } from '../../src/storage/modelThreshold';
import { createProject } from '../../src/storage/projects';
import type { SpotcheckDB } from '../../src/storage/schema';
import { defaultBackboneId } from '../../workers/engine/backbone/registry';
import { detectWithPackagedModel } from '../../workers/engine/packaging';
import { trainAnomalyModel, type TrainingImage, type TrainingResult } from '../../workers/engine/training';
import { ort } from '../../workers/ort';
import { rgbaToRgb } from '../../workers/runtime/detectionInput';
import { DetectionRuntime, type DetectionRuntimeOptions } from '../../workers/runtime/detectionRuntime';
import { crashAsInternal, DetectionRuntimeError, runtimeErrorCodes, type RuntimeErrorName } from '../../workers/runtime/runtimeErrors';
import { buildSelfTestModel } from '../../workers/runtime/selfTest';
import { storedModelSource } from '../../workers/runtime/storedModelSource';
import { snapshotDatabase, useFreshDatabase } from '../fixtures/storageTestKit';
import { nodeImageDecoder } from './helpers/nodeImageDecoder';
import { storeTrainedModel } from './helpers/storedModels';
import { syntheticTrainingSet } from './helpers/syntheticTraining';

const side = 64;
const dataset = syntheticTrainingSet({ seed: 33, side, normalCount: 12, perDefectCount: 3, testShare: 0.3 });
/** The runtime feeds the same RGB bytes to the same graph: only run-to-run float noise may differ. */
const scoreTolerance = 1e-6;

let result: TrainingResult;
let db: IDBPDatabase<SpotcheckDB>;
let project: Project;
let version: ModelVersion;
useFreshDatabase((opened) => (db = opened));

beforeAll(async () => {
  result = await trainAnomalyModel({ ...dataset, backboneId: defaultBackboneId, backboneModel: await convertBackbone(defaultBackboneId), seed: 8 });
}, 120_000);

beforeEach(async () => {
  project = await createProject(db, 'parts');
  version = await storeTrainedModel(db, project.id, 1, result);
});

function runtimeWith(options: Partial<DetectionRuntimeOptions> = {}): DetectionRuntime {
  return new DetectionRuntime({ source: storedModelSource(async () => db), decoder: nodeImageDecoder, ...options });
}

/** The stored source whose model loading waits for `open()`, to observe the STARTING state. */
function gatedSource() {
  const source = storedModelSource(async () => db);
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    source: {
      ...source,
      load: async (id: string) => {
        await gate;
        return source.load(id);
      },
    },
    open: () => open(),
  };
}

async function running(runtime: DetectionRuntime, component = 'parts:1'): Promise<void> {
  expect(await runtime.startModel(component)).toBe('STARTING');
  await runtime.whenStarted(component);
  expect((await runtime.describeModel(component)).status).toBe('RUNNING');
}

async function rejection(operation: Promise<unknown>): Promise<DetectionRuntimeError> {
  const error = await operation.then(
    () => expect.unreachable('the call should have been refused'),
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(DetectionRuntimeError);
  return error as DetectionRuntimeError;
}

async function expectCode(operation: Promise<unknown>, name: RuntimeErrorName, details?: RegExp): Promise<void> {
  const error = await rejection(operation);
  expect({ name: error.name, code: error.code }).toEqual({ name, code: runtimeErrorCodes[name] });
  if (details) expect(error.details).toMatch(details);
}

const image = (id: string): TrainingImage => dataset.images.find((candidate) => candidate.id === id)!;
const testImages = () => result.perImage.map((evaluated) => ({ evaluated, image: image(evaluated.id) }));

function rgbaOf(rgb: Uint8Array): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray((rgb.length / 3) * 4);
  for (let pixel = 0; pixel < rgb.length / 3; pixel += 1) {
    rgba.set(rgb.subarray(pixel * 3, pixel * 3 + 3), pixel * 4);
    rgba[pixel * 4 + 3] = 255;
  }
  return rgba;
}

const pngOf = (rgb: Uint8Array) => new Blob([encodeRgbaPng(rgbaOf(rgb), side, side) as Uint8Array<ArrayBuffer>], { type: 'image/png' });

describe('detection runtime: model status', () => {
  it('lists trained versions as STOPPED and maps start/stop to the stored §1.2 statuses', async () => {
    const { source, open } = gatedSource();
    const runtime = runtimeWith({ source });
    expect(await runtime.listModels()).toEqual([{ model_component: 'parts:1', status: 'STOPPED', status_message: '' }]);
    expect(await runtime.startModel('parts:1')).toBe('STARTING');
    expect((await runtime.describeModel('parts:1')).status).toBe('STARTING');
    expect((await db.get('modelVersions', version.id))!.status).toBe('STARTING_HOSTING');
    open();
    await runtime.whenStarted('parts:1');
    expect(await runtime.describeModel('parts:1')).toEqual({ model_component: 'parts:1', status: 'RUNNING', status_message: '' });
    expect((await db.get('modelVersions', version.id))!.status).toBe('HOSTED');
    expect(await runtime.stopModel('parts:1')).toBe('STOPPED');
    expect((await runtime.describeModel('parts:1')).status).toBe('STOPPED');
    expect((await db.get('modelVersions', version.id))!.status).toBe('TRAINED');
  });

  it('reports FAILED (HOSTING_FAILED with the reason) when the model cannot be loaded, and may be started again', async () => {
    const broken = await storeTrainedModel(db, project.id, 2, result, []);
    const runtime = runtimeWith();
    await runtime.startModel('parts:2');
    await runtime.whenStarted('parts:2');
    const described = await runtime.describeModel('parts:2');
    expect(described.status).toBe('FAILED');
    expect(described.status_message).toMatch(/parts:2 could not be loaded: .*model file is missing/);
    expect(await db.get('modelVersions', broken.id)).toMatchObject({ status: 'HOSTING_FAILED', statusMessage: described.status_message });
    expect(await runtime.startModel('parts:2')).toBe('STARTING');
  });

  it('walks a hosting status left by a runtime that is gone back before starting', async () => {
    const stale = runtimeWith();
    await running(stale);
    const fresh = runtimeWith();
    expect((await fresh.describeModel('parts:1')).status).toBe('STOPPED');
    await running(fresh);
    expect((await db.get('modelVersions', version.id))!.status).toBe('HOSTED');
  });
});

describe('detection runtime: DetectAnomalies', () => {
  it("gives the packaged model's result for a PNG file and for the same picture as an RGBA frame", async () => {
    const runtime = runtimeWith();
    await running(runtime);
    const session = await ort.InferenceSession.create(result.modelBytes);
    for (const { evaluated, image: picture } of testImages().slice(0, 4)) {
      const direct = await detectWithPackagedModel(session, picture.rgb, side, side, result.metadata);
      const fromFile = await runtime.detectAnomalies('parts:1', pngOf(picture.rgb));
      const fromFrame = await runtime.detectAnomalies('parts:1', { width: side, height: side, data: rgbaOf(picture.rgb) });
      for (const output of [fromFile, fromFrame]) {
        expect(Math.abs(output.prediction.score - direct.score)).toBeLessThanOrEqual(scoreTolerance);
        expect(output.prediction.isAnomalous).toBe(evaluated.isAnomalous);
        expect(output.prediction.threshold).toBe(result.metadata.threshold);
        expect(output.latencyMs).toBeGreaterThan(0);
      }
    }
    await session.release();
  });

  it('converts RGBA to RGB888 in R, G, B order with alpha dropped', () => {
    expect([...rgbaToRgb(Uint8ClampedArray.of(1, 2, 3, 4, 250, 251, 252, 0))]).toEqual([1, 2, 3, 250, 251, 252]);
  });

  it('applies a threshold saved on the version (held in memory, re-read on the change notice)', async () => {
    const runtime = runtimeWith();
    await running(runtime);
    const png = pngOf(testImages()[0]!.image.rgb);
    expect((await runtime.detectAnomalies('parts:1', png)).prediction.threshold).toBe(result.metadata.threshold);
    await setModelThreshold(db, version.id, 0);
    // The notice crosses a BroadcastChannel: the detections after it use the saved threshold.
    await expect.poll(async () => (await runtime.detectAnomalies('parts:1', png)).prediction.threshold).toBe(0);
    expect((await runtime.detectAnomalies('parts:1', png)).prediction.isAnomalous).toBe(true);
  });

  it('reads the threshold from IndexedDB once, not for every detection', async () => {
    let versionReads = 0;
    const counted = new Proxy(db, {
      get(target, property) {
        const value = Reflect.get(target, property, target) as unknown;
        if (property !== 'get') return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        return (store: string, key: IDBValidKey) => {
          if (store === 'modelVersions' && key === version.id) versionReads += 1;
          return target.get(store as 'modelVersions', key as string);
        };
      },
    });
    const runtime = new DetectionRuntime({ source: storedModelSource(async () => counted), decoder: nodeImageDecoder });
    await running(runtime);
    const readsBeforeDetecting = versionReads;
    const frame = { width: side, height: side, data: rgbaOf(testImages()[0]!.image.rgb) };
    for (let detection = 0; detection < 5; detection += 1) await runtime.detectAnomalies('parts:1', frame);
    expect(versionReads - readsBeforeDetecting).toBe(1);
  });
});

describe('detection runtime: error codes (store untouched)', () => {
  it('INVALID_ARGUMENT (3) for malformed names and for bad pictures', async () => {
    const runtime = runtimeWith();
    await expectCode(runtime.describeModel('parts'), 'INVALID_ARGUMENT', /<ProjectName>:<ModelVersion>/);
    await expectCode(runtime.startModel('parts:0'), 'INVALID_ARGUMENT');
    await running(runtime);
    const before = await snapshotDatabase(db);
    const png = await pngOf(testImages()[0]!.image.rgb).arrayBuffer();
    const bad: [unknown, RegExp][] = [
      [new Blob([]), /empty/],
      [new Blob(['name,class\n'], { type: 'image/png' }), /neither PNG nor JPEG/],
      [new Blob([png.slice(0, 60)], { type: 'image/png' }), /could not be decoded/],
      [{ width: 32, height: 32, data: new Uint8ClampedArray(32 * 32 * 4) }, /32x32 px/],
      [{ width: 5000, height: 64, data: new Uint8ClampedArray(4) }, /5000x64 px/],
      [{ width: 64, height: 64, data: new Uint8ClampedArray(10) }, /has 16384 bytes, this one 10/],
      [{ width: 64, height: 64, data: new Uint8ClampedArray(0) }, /empty/],
      // Spec §4.2/§4.3: the input must be the project size; the runtime never resizes it silently.
      [{ width: 96, height: 80, data: new Uint8ClampedArray(96 * 80 * 4) }, new RegExp(`96x80 px but the model takes ${side}x${side} px images`)],
      [
        new Blob([encodeRgbaPng(new Uint8Array(96 * 80 * 4).fill(128), 96, 80) as Uint8Array<ArrayBuffer>], { type: 'image/png' }),
        new RegExp(`96x80 px but the model takes ${side}x${side} px images`),
      ],
      ['a string', /PNG or JPEG Blob, an ImageBitmap or an RGBA frame/],
    ];
    for (const [input, details] of bad) await expectCode(runtime.detectAnomalies('parts:1', input as Blob), 'INVALID_ARGUMENT', details);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('NOT_FOUND (5) for a component no trained version has', async () => {
    const runtime = runtimeWith();
    const before = await snapshotDatabase(db);
    await expectCode(runtime.describeModel('parts:7'), 'NOT_FOUND', /parts:7/);
    await expectCode(runtime.startModel('other:1'), 'NOT_FOUND');
    await expectCode(runtime.stopModel('parts:7'), 'NOT_FOUND');
    await expectCode(runtime.detectAnomalies('parts:7', new Blob(['x'])), 'NOT_FOUND');
    await db.put('modelVersions', { ...version, id: crypto.randomUUID(), version: 3, status: 'TRAINING', idempotencyKey: 'k3' });
    await expectCode(runtime.describeModel('parts:3'), 'NOT_FOUND');
    expect(await runtime.listModels()).toHaveLength(1);
    expect(Object.keys((await snapshotDatabase(db)).modelVersions!)).toHaveLength(2);
    expect((await snapshotDatabase(db)).modelArtifacts).toEqual(before.modelArtifacts);
  });

  it("holds the version's hosting lock from start to stop, and refuses a model another tab hosts (FAILED_PRECONDITION)", async () => {
    // The lock manager of the browser, reduced to what the runtime asks of it (Web Locks do not exist in Node).
    const held = new Set<string>();
    const holdHostingLock = async (modelVersionId: string) => {
      if (held.has(modelVersionId)) return null;
      held.add(modelVersionId);
      return () => held.delete(modelVersionId);
    };
    const firstTab = runtimeWith({ holdHostingLock });
    await running(firstTab);
    expect([...held]).toEqual([version.id]);
    const before = await snapshotDatabase(db);
    await expectCode(runtimeWith({ holdHostingLock }).startModel('parts:1'), 'FAILED_PRECONDITION', /running in another Spotcheck tab/);
    expect(await snapshotDatabase(db)).toEqual(before);
    expect(await firstTab.stopModel('parts:1')).toBe('STOPPED');
    expect(held.size).toBe(0);
  });

  it('FAILED_PRECONDITION (9): detect or stop when not RUNNING, start when not STOPPED or FAILED', async () => {
    const { source, open } = gatedSource();
    const runtime = runtimeWith({ source });
    const before = await snapshotDatabase(db);
    await expectCode(runtime.detectAnomalies('parts:1', pngOf(testImages()[0]!.image.rgb)), 'FAILED_PRECONDITION', /STOPPED/);
    await expectCode(runtime.stopModel('parts:1'), 'FAILED_PRECONDITION', /only a RUNNING model/);
    expect(await snapshotDatabase(db)).toEqual(before);
    await runtime.startModel('parts:1');
    await expectCode(runtime.startModel('parts:1'), 'FAILED_PRECONDITION', /STARTING/);
    await expectCode(runtime.detectAnomalies('parts:1', pngOf(testImages()[0]!.image.rgb)), 'FAILED_PRECONDITION', /STARTING/);
    open();
    await runtime.whenStarted('parts:1');
    await expectCode(runtime.startModel('parts:1'), 'FAILED_PRECONDITION', /RUNNING/);
    await runtime.stopModel('parts:1');
    const stopped = await snapshotDatabase(db);
    await expectCode(runtime.detectAnomalies('parts:1', pngOf(testImages()[0]!.image.rgb)), 'FAILED_PRECONDITION', /STOPPED/);
    expect(await snapshotDatabase(db)).toEqual(stopped);
  });

  it('RESOURCE_EXHAUSTED (8): a full detection queue, and a start beyond the running-model limit', async () => {
    const runtime = runtimeWith({ maxQueuedDetections: 2, maxRunningModels: 1 });
    await running(runtime);
    const picture = pngOf(testImages()[0]!.image.rgb);
    const accepted = [runtime.detectAnomalies('parts:1', picture), runtime.detectAnomalies('parts:1', picture)];
    await expectCode(runtime.detectAnomalies('parts:1', picture), 'RESOURCE_EXHAUSTED', /2 detections are already waiting/);
    expect((await Promise.all(accepted)).map((output) => output.prediction.score)).toHaveLength(2);
    await runtime.detectAnomalies('parts:1', picture);
    await storeTrainedModel(db, project.id, 2, result);
    await expectCode(runtime.startModel('parts:2'), 'RESOURCE_EXHAUSTED', /stop one/);
  });

  it('INTERNAL (13) when inference itself fails', async () => {
    // A real session of another graph: running it with the packaged model's input fails inside ORT.
    const runtime = runtimeWith({ createSession: () => ort.InferenceSession.create(buildSelfTestModel()) });
    await running(runtime);
    await expectCode(runtime.detectAnomalies('parts:1', pngOf(testImages()[0]!.image.rgb)), 'INTERNAL', /Inference failed/);
  });

  it('INTERNAL (13) on the page when the detection worker crashed', () => {
    const crashed = crashAsInternal(new UserFacingError('worker.crashed', { detail: 'out of memory' }));
    expect(crashed).toBeInstanceOf(DetectionRuntimeError);
    expect((crashed as DetectionRuntimeError).toJSON()).toEqual({
      code: 13,
      name: 'INTERNAL',
      details: 'The detection worker stopped unexpectedly (out of memory); start the model again.',
    });
    const other = new UserFacingError('model.notFound');
    expect(crashAsInternal(other)).toBe(other);
  });

  it('UNKNOWN (2) for an unexpected failure, e.g. the database closed under it', async () => {
    const closed = await createProject(db, 'other').then(() => db);
    const runtime = runtimeWith({
      source: storedModelSource(async () => {
        closed.close();
        return closed;
      }),
    });
    await expectCode(runtime.listModels(), 'UNKNOWN');
  });
});
