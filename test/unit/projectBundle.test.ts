// The project bundle (issue 17 item 1): export → import into a fresh database recreates every record and
// Blob of the project exactly (Blobs compared by content) and a trained model detects as before; a damaged
// bundle, a newer format and a taken project name are refused with their messages and leave every store as
// it was; "as a copy" imports under a new name with fresh ids; export and import stop on cancel.
import type { IDBPDatabase } from 'idb';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundleManifestName, bundleStores, readProjectBundle, writeProjectBundle, type BundleRecords } from '../../src/domain/projectBundle';
import type { Project } from '../../src/domain/types';
import { closeSpotcheckDb, openSpotcheckDb } from '../../src/storage/db';
import { readProjectRecords, writeProjectRecords } from '../../src/storage/projectBundle';
import type { SpotcheckDB } from '../../src/storage/schema';
import { convertBackbone } from '../../scripts/backbone/convertBackbone';
import { encodeRgbaPng } from '../../src/domain/png';
import { createProject } from '../../src/storage/projects';
import { defaultBackboneId } from '../../workers/engine/backbone/registry';
import { trainAnomalyModel } from '../../workers/engine/training';
import { DetectionRuntime } from '../../workers/runtime/detectionRuntime';
import { nodeImageDecoder } from '../../workers/runtime/nodeImageDecoder';
import { storedModelSource } from '../../workers/runtime/storedModelSource';
import { seedFullProject } from '../fixtures/sampleProject';
import { storeTrainedModel } from './helpers/storedModels';
import { syntheticTrainingSet, trainingRunTimeoutMs } from './helpers/syntheticTraining';
import { failureMessage, freshDbName, snapshotDatabase, storeInconsistencies, type DatabaseSnapshot } from '../fixtures/storageTestKit';

const exportedAt = '2026-12-03T12:00:00.000Z';

function bundleStoresOf(snapshot: DatabaseSnapshot): DatabaseSnapshot {
  return Object.fromEntries(bundleStores.map((store) => [store, snapshot[store]!]));
}

async function exportBundle(db: IDBPDatabase<SpotcheckDB>, project: Project, includeTrials = true, signal?: AbortSignal): Promise<Blob> {
  const records = await readProjectRecords(db, project.id, includeTrials);
  return writeProjectBundle(records, { projectName: project.name, includesTrials: includeTrials, exportedAt, ...(signal ? { signal } : {}) });
}

async function rewritten(bundle: Blob, change: (files: Record<string, Uint8Array>) => void): Promise<Blob> {
  const files = unzipSync(new Uint8Array(await bundle.arrayBuffer()));
  change(files);
  return new Blob([zipSync(files) as Uint8Array<ArrayBuffer>]);
}

describe('project bundle', () => {
  const names: string[] = [];
  let source: IDBPDatabase<SpotcheckDB>;
  let target: IDBPDatabase<SpotcheckDB>;
  let project: Project;

  beforeEach(async () => {
    names.push(freshDbName(), freshDbName());
    source = await openSpotcheckDb(names.at(-2));
    target = await openSpotcheckDb(names.at(-1));
    project = await seedFullProject(source, 'line-3');
  });

  afterEach(async () => {
    await Promise.all(names.splice(0).map((name) => closeSpotcheckDb(name)));
  });

  it('recreates every record and Blob of the project in a fresh database', async () => {
    const progress: number[] = [];
    const records = await readProjectRecords(source, project.id, true);
    const bundle = await writeProjectBundle(records, {
      projectName: project.name,
      includesTrials: true,
      exportedAt,
      onProgress: (update) => progress.push(update.bytesDone),
    });
    expect(progress.length).toBeGreaterThan(3);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const read = await readProjectBundle(bundle, 'line-3.zip');
    expect(read.manifest).toMatchObject({ formatVersion: 1, projectName: 'line-3', includesTrials: true });
    const imported = await writeProjectRecords(target, read.records);
    expect(imported).toEqual(project);
    expect(bundleStoresOf(await snapshotDatabase(target))).toEqual(bundleStoresOf(await snapshotDatabase(source)));
    expect(Object.values(bundleStoresOf(await snapshotDatabase(target))).every((rows) => Object.keys(rows).length > 0)).toBe(true);
    expect(await storeInconsistencies(target)).toEqual([]);
  });

  it(
    'brings a trained model back that gives identical detections',
    async () => {
      const dataset = syntheticTrainingSet({ seed: 33, side: 64, normalCount: 12, perDefectCount: 3, testShare: 0.3 });
      const result = await trainAnomalyModel({ ...dataset, backboneId: defaultBackboneId, backboneModel: await convertBackbone(defaultBackboneId), seed: 8 });
      const parts = await createProject(source, 'parts');
      await storeTrainedModel(source, parts.id, 1, result);
      const read = await readProjectBundle(await exportBundle(source, parts), 'parts.zip');
      await writeProjectRecords(target, read.records);
      const detections = async (db: IDBPDatabase<SpotcheckDB>) => {
        const runtime = new DetectionRuntime({ source: storedModelSource(async () => db), decoder: nodeImageDecoder });
        await runtime.startModel('parts:1');
        await runtime.whenStarted('parts:1');
        const scores: unknown[] = [];
        for (const image of dataset.images.slice(0, 6)) {
          const rgba = new Uint8Array(64 * 64 * 4).fill(255);
          for (let pixel = 0; pixel < 64 * 64; pixel += 1) rgba.set(image.rgb.subarray(pixel * 3, pixel * 3 + 3), pixel * 4);
          const { prediction } = await runtime.detectAnomalies('parts:1', new Blob([encodeRgbaPng(rgba, 64, 64) as Uint8Array<ArrayBuffer>]));
          scores.push({ score: prediction.score, rawScore: prediction.rawScore, isAnomalous: prediction.isAnomalous, threshold: prediction.threshold });
        }
        await runtime.stopModel('parts:1');
        return scores;
      };
      expect(await detections(target)).toEqual(await detections(source));
    },
    trainingRunTimeoutMs,
  );

  it('leaves trial jobs out unless asked', async () => {
    const read = await readProjectBundle(await exportBundle(source, project, false), 'line-3.zip');
    expect(read.records.trialJobs).toEqual([]);
    expect(read.records.trialResults).toEqual([]);
    expect(read.records.modelVersions).toHaveLength(1);
  });

  it('refuses a taken project name, and imports as a copy under a new name with fresh ids', async () => {
    const bundle = await exportBundle(source, project);
    const before = await snapshotDatabase(source);
    const read = await readProjectBundle(bundle, 'line-3.zip');
    expect(await failureMessage(writeProjectRecords(source, read.records))).toBe(
      'A project called line-3 exists already. Nothing was imported. Import the bundle as a copy under a new name, or delete or rename the existing project first.',
    );
    expect(await snapshotDatabase(source)).toEqual(before);
    const copy = await writeProjectRecords(source, read.records, 'line-3-copy');
    expect(copy.name).toBe('line-3-copy');
    expect(copy.id).not.toBe(project.id);
    const copied = await readProjectRecords(source, copy.id, true);
    const original = await readProjectRecords(source, project.id, true);
    for (const store of bundleStores) expect(copied[store].length, store).toBe(original[store].length);
    const originalIds = new Set(bundleStores.flatMap((store) => original[store].map((record) => record.id)));
    expect(bundleStores.flatMap((store) => copied[store].map((record) => record.id)).filter((id) => originalIds.has(id))).toEqual([]);
    expect(await storeInconsistencies(source)).toEqual([]);
  });

  it.each([
    [
      'a truncated file',
      async (bundle: Blob) => bundle.slice(0, Math.floor(bundle.size / 2)),
      /^line-3\.zip is damaged: .+ is missing or unreadable\. Nothing was imported\./,
    ],
    [
      'a Blob of the wrong size',
      (bundle: Blob) => rewritten(bundle, (files) => (files['blobs/images/0'] = files['blobs/images/0']!.subarray(1))),
      /^line-3\.zip is damaged: blobs\/images\/0 is missing or unreadable\./,
    ],
    [
      'a newer format',
      (bundle: Blob) =>
        rewritten(bundle, (files) => {
          files[bundleManifestName] = strToU8(JSON.stringify({ ...JSON.parse(strFromU8(files[bundleManifestName]!)), formatVersion: 2 }));
        }),
      /^line-3\.zip was exported by a newer Spotcheck \(bundle format 2; this one reads up to 1\)\. Nothing was imported\. Update Spotcheck/,
    ],
    ['another zip', async () => new Blob([zipSync({ 'a.txt': strToU8('hello') })]), /^line-3\.zip is not a Spotcheck project bundle/],
  ])('refuses %s with its message and changes nothing', async (_case, spoil, message) => {
    const spoilt = await spoil(await exportBundle(source, project));
    const before = await snapshotDatabase(target);
    expect(await failureMessage(readProjectBundle(spoilt, 'line-3.zip').then((read) => writeProjectRecords(target, read.records)))).toMatch(message);
    expect(await snapshotDatabase(target)).toEqual(before);
  });

  it('stops exporting and importing when cancelled', async () => {
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(exportBundle(source, project, true, cancelled.signal)).rejects.toThrow(/abort/i);
    const bundle = await exportBundle(source, project);
    await expect(readProjectBundle(bundle, 'line-3.zip', { signal: cancelled.signal })).rejects.toThrow(/abort/i);
  });

  it('keeps records other than Blobs as plain JSON (what a reader of records/<store>.json sees)', async () => {
    const files = unzipSync(new Uint8Array(await (await exportBundle(source, project)).arrayBuffer()));
    const entries = JSON.parse(strFromU8(files['records/entries.json']!)) as BundleRecords['entries'];
    expect(entries.length).toBeGreaterThan(0);
    const images = JSON.parse(strFromU8(files['records/images.json']!)) as { blob: { $blob: string } }[];
    expect(images.every((image) => files[image.blob.$blob] !== undefined)).toBe(true);
  });
});
