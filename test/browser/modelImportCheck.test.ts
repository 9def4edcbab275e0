// A model package proves itself on import (spec §9 item 4), over the real workers and IndexedDB in Chromium:
// a trained segmentation model is exported; imported as it is, its re-run on its test images (found here by
// content hash) matches its evaluation and it starts; imported with one stored score changed in its
// evaluation.json, the mismatch is recorded and its start is refused naming that image, with every store
// as it was before the refused start.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackagedTestResult } from '../../src/contracts/importCheck';
import { detectionWorker, trainingWorker } from '../../src/app/workers';
import { importCheckScoreTolerance } from '../../src/domain/evaluation/importCheck';
import { modelComponentOf } from '../../src/domain/modelComponent';
import { modelPackageFileNames } from '../../src/domain/modelPackage';
import type { ModelVersion, Project } from '../../src/domain/types';
import { importModelPackageFile } from '../../src/models/importModelPackageFile';
import { runTraining } from '../../src/models/training/runTraining';
import { hostAgain, startModelAndWait, stopModel } from '../../src/runtime/modelHosting';
import { openSpotcheckDb } from '../../src/storage/db';
import { exportModelPackage } from '../../src/storage/modelPackages';
import { createModelVersion } from '../../src/storage/modelVersions';
import { deleteProject } from '../../src/storage/projects';
import { readProjectRecords, writeProjectRecords } from '../../src/storage/projectBundle';
import { readProjectBundle, writeProjectBundle } from '../../src/domain/projectBundle';
import { checkImportedProjectModels } from '../../src/runtime/importCheck';
import { failureMessage, snapshotDatabase } from '../fixtures/storageTestKit';
import { writeSyntheticProject } from '../fixtures/syntheticProject';
import { workerProjectSide as side, workerTrainingTimeoutMs as trainingTimeoutMs } from './fixtures/workerProject';

/** Covers importing and re-running the test images on a loaded 2-core machine. */
const importTimeoutMs = 120_000;

let project: Project;
let trained: ModelVersion;
let packageBytes: Uint8Array;
const started: string[] = [];

beforeAll(async () => {
  // The app's own database: the import step and Start read it without being told another name.
  const db = await openSpotcheckDb();
  project = await writeSyntheticProject(db, {
    name: `import-check-${crypto.randomUUID().slice(0, 8)}`,
    seed: 3,
    side,
    normalCount: 20,
    perDefectCount: 20,
    defectTypes: ['missing-component'],
  });
  const version = await createModelVersion(db, project.id, { description: '', tags: [], idempotencyKey: 'import-check' });
  trained = await runTraining(db, version.id, { backend: 'wasm', seed: 5, segmentation: { maxEpochs: 2, batchSize: 8192 } });
  packageBytes = (await exportModelPackage(db, trained.id)).bytes;
}, trainingTimeoutMs);

afterAll(async () => {
  // A hosted model keeps its project from being deleted.
  for (const component of started) await stopModel(component);
  trainingWorker.terminate();
  detectionWorker.terminate();
  await deleteProject(await openSpotcheckDb(), project.id, project.name);
});

function packagedTestResults(zip: Uint8Array): PackagedTestResult[] {
  const text = unzipSync(zip)[modelPackageFileNames.testResults];
  expect(text, 'the package carries its test results').toBeDefined();
  return JSON.parse(strFromU8(text!)) as PackagedTestResult[];
}

/** The package with the stored score of its first test image moved by 0.05 (further from 0 or 1, so it stays a score). */
function withTamperedScore(zip: Uint8Array): { tampered: Uint8Array; file: string } {
  const files = unzipSync(zip);
  const results = packagedTestResults(zip);
  const first = results[0]!;
  first.score += first.score < 0.5 ? 0.05 : -0.05;
  files[modelPackageFileNames.testResults] = strToU8(JSON.stringify(results));
  return { tampered: zipSync(files), file: first.file };
}

describe('model import proves itself', () => {
  it('re-runs an untouched package on its test images here, records the match, and starts it', { timeout: importTimeoutMs }, async () => {
    const expected = packagedTestResults(packageBytes);
    expect(expected).toHaveLength(trained.split!.testIds.length);

    const imported = await importModelPackageFile(project.id, new File([packageBytes as Uint8Array<ArrayBuffer>], 'untouched.zip'));
    expect(imported.importCheck).toMatchObject({ images: expected.length, mismatches: [] });
    const stored = await (await openSpotcheckDb()).get('modelVersions', imported.id);
    expect(stored!.importCheck).toEqual(imported.importCheck);

    const component = modelComponentOf(project.name, imported.version);
    started.push(component);
    expect((await startModelAndWait(component)).status).toBe('RUNNING');
  });

  it(
    'records a changed stored score as a mismatch and refuses the start with the image and the fix, storing nothing',
    { timeout: importTimeoutMs },
    async () => {
      const { tampered, file } = withTamperedScore(packageBytes);
      const imported = await importModelPackageFile(project.id, new File([tampered as Uint8Array<ArrayBuffer>], 'tampered.zip'));
      const check = imported.importCheck!;
      expect('mismatches' in check && check.mismatches.map((mismatch) => mismatch.file)).toEqual([file]);
      const [mismatch] = 'mismatches' in check ? check.mismatches : [];
      // The re-run itself still gives the untouched package's score: only the stored one was changed.
      const original = packagedTestResults(packageBytes).find((result) => result.file === file)!;
      expect(Math.abs(mismatch!.got!.score - original.score)).toBeLessThanOrEqual(importCheckScoreTolerance);

      const expectedImages = packagedTestResults(packageBytes).length;
      expect(check).toMatchObject({ images: expectedImages });
      const db = await openSpotcheckDb();
      const before = await snapshotDatabase(db);
      const component = modelComponentOf(project.name, imported.version);
      const message = await failureMessage(startModelAndWait(component));
      expect(message).toBe(
        `Model ${imported.version} does not give the results of the device it came from: on test image ${file} it scores ${mismatch!.got!.score.toFixed(4)} here, ` +
          `its evaluation says ${mismatch!.expected.score.toFixed(4)} (1 of ${expectedImages} test images differ). ` +
          'Export the model again from the device it was trained on, or train it again here.',
      );
      expect((await detectionWorker.run((api) => api.describeModel(component))).status).toBe('STOPPED');
      expect(await snapshotDatabase(db)).toEqual(before);

      // Left HOSTED by a closed tab: the start again at app start is refused alike and sets the status straight.
      await db.put('modelVersions', { ...(await db.get('modelVersions', imported.id))!, status: 'HOSTED' });
      expect(await failureMessage(hostAgain([imported.id], db))).toBe(message);
      expect((await db.get('modelVersions', imported.id))!.status).toBe('TRAINED');
    },
  );

  it('refuses a package whose test results are not valid, naming the field, and stores nothing', { timeout: importTimeoutMs }, async () => {
    const files = unzipSync(packageBytes);
    const results = packagedTestResults(packageBytes) as unknown as Record<string, unknown>[];
    results[1]!.score = String(results[1]!.score);
    files[modelPackageFileNames.testResults] = strToU8(JSON.stringify(results));
    const db = await openSpotcheckDb();
    const before = await snapshotDatabase(db);
    const message = await failureMessage(importModelPackageFile(project.id, new File([zipSync(files) as Uint8Array<ArrayBuffer>], 'bad-results.zip')));
    expect(message).toBe(
      'bad-results.zip cannot be imported: evaluation[2].score in its evaluation.json (the test results) is not valid. Export the model again from the project it was trained in.',
    );
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('checks the trained models of a project bundle on import, keeping the check an imported version came with', { timeout: importTimeoutMs }, async () => {
    // A hosted model keeps its project from being deleted; the bundle brings it back under the same ids.
    for (const component of started.splice(0)) await stopModel(component);
    const db = await openSpotcheckDb();
    const bundle = await writeProjectBundle(await readProjectRecords(db, project.id, false), {
      projectName: project.name,
      includesTrials: false,
      exportedAt: new Date().toISOString(),
    });
    const mismatched = (await db.getAllFromIndex('modelVersions', 'by-project', project.id)).find((version) => firstMismatchOf(version));
    expect(mismatched, 'the bundle holds the mismatching import').toBeDefined();
    await deleteProject(db, project.id, project.name);

    const restored = await writeProjectRecords(db, (await readProjectBundle(bundle, 'project.zip')).records);
    await checkImportedProjectModels(db, restored.id);
    const versions = new Map((await db.getAllFromIndex('modelVersions', 'by-project', restored.id)).map((version) => [version.version, version]));
    expect(versions.get(trained.version)!.importCheck).toMatchObject({ images: trained.split!.testIds.length, mismatches: [] });
    expect(firstMismatchOf(versions.get(mismatched!.version)!)).toEqual(firstMismatchOf(mismatched!));
  });
});

function firstMismatchOf(version: ModelVersion) {
  const check = version.importCheck;
  return check && 'mismatches' in check ? check.mismatches[0] : undefined;
}
