// Trial detection jobs on a real (in-memory) IndexedDB: a job is stored with its images or not at
// all (2,000 at most), predictions/verifications/corrections are recorded per image, verified images
// go into the training dataset with their "added" mark in one transaction (a failure changes
// nothing), interrupted jobs never stay RUNNING, and deleting a job leaves no Blob behind.
import { createHash } from 'node:crypto';
import type { IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeLabelMaskPng, decodeLabelMaskPng } from '../../src/domain/png';
import { errorIssue } from '../../src/domain/rules/issues';
import type { AnomalyLabel, Dataset, ModelVersion, Project, TrialPrediction } from '../../src/domain/types';
import type { SpotcheckDB } from '../../src/storage/schema';
import {
  addVerifiedResultsToDataset,
  beginTrialJobRun,
  createTrialJob,
  deleteTrialJob,
  finishTrialJobRun,
  getTrialJob,
  listTrialJobs,
  listTrialResults,
  markTrialJobsInterrupted,
  pendingTrialResults,
  recordTrialError,
  recordTrialPrediction,
  saveTrialCorrection,
  verifyTrialResults,
  type TrialImage,
} from '../../src/storage/trialJobs';
import { writeNewProject } from '../../src/storage/importProject';
import { seedScratchedProject } from '../fixtures/importItems';
import { fakePng, sampleSize } from '../fixtures/sampleProject';
import { failureMessage, snapshotDatabase, storeInconsistencies, useFreshDatabase } from '../fixtures/storageTestKit';

let db: IDBPDatabase<SpotcheckDB>;
let project: Project;
let train: Dataset;
let model: ModelVersion;
let label: Record<string, AnomalyLabel>;

useFreshDatabase((opened) => {
  db = opened;
});

function trialImage(fileName: string, content = fileName, size = sampleSize): TrialImage {
  return {
    fileName,
    contentHash: createHash('sha256').update(`png:${content}`).digest('hex'),
    image: fakePng(content),
    thumbnail: fakePng(`thumb:${content}`),
    ...size,
  };
}

function labelMaskPng(paint: Record<number, number[]>): Blob {
  const mask = new Uint8Array(sampleSize.width * sampleSize.height);
  for (const [index, pixels] of Object.entries(paint)) for (const pixel of pixels) mask[pixel] = Number(index);
  return new Blob([encodeLabelMaskPng(mask, sampleSize.width, sampleSize.height) as Uint8Array<ArrayBuffer>], { type: 'image/png' });
}

function prediction(isAnomalous: boolean, labelIds: string[] = []): TrialPrediction {
  return {
    isAnomalous,
    confidence: 0.9,
    score: isAnomalous ? 0.8 : 0.1,
    threshold: 0.5,
    labelAreas: labelIds.map((id) => Object.values(label).find((each) => each.id === id)!).map(({ index, name }) => ({ index, name, area: 0.01 })),
    labelIds,
    latencyMs: 12,
  };
}

async function putModelVersion(status: ModelVersion['status'], version: number): Promise<ModelVersion> {
  const record: ModelVersion = {
    id: crypto.randomUUID(),
    projectId: project.id,
    version,
    status,
    statusMessage: '',
    createdAt: new Date().toISOString(),
    description: '',
    tags: [],
    modelType: 'segmentation',
  };
  await db.put('modelVersions', record);
  return record;
}

async function newJob(images: TrialImage[], name = 'line-3 trial') {
  return createTrialJob(db, { projectId: project.id, name, modelVersionId: model.id, images });
}

beforeEach(async () => {
  ({ project, train, label } = await seedScratchedProject(db));
  model = await putModelVersion('TRAINED', 1);
});

describe('creating a trial job', () => {
  it('stores the job, one result per image in order, and each image with its thumbnail', async () => {
    const job = await newJob([trialImage('a/1.png'), trialImage('a/2.png'), trialImage('b/1.png')]);
    expect(job).toMatchObject({ name: 'line-3 trial', modelVersion: 1, modelVersionId: model.id, status: 'RUNNING', imageCount: 3 });
    const results = await listTrialResults(db, job.id);
    expect(results.map((result) => result.fileName)).toEqual(['a/1.png', 'a/2.png', 'b/1.png']);
    for (const result of results) {
      expect(result).toMatchObject({ prediction: null, error: null, verification: null, correction: null, maskId: null, addedToDatasetId: null });
      expect(await (await db.get('images', result.imageId))!.blob.text()).toBe(`png:${result.fileName}`);
      expect(await (await db.get('thumbnails', result.imageId))!.blob.text()).toBe(`png:thumb:${result.fileName}`);
    }
    expect(await listTrialJobs(db, project.id)).toEqual([{ job, done: 0, anomalous: 0, verified: 0, added: 0 }]);
    expect(await storeInconsistencies(db)).toEqual([]);
  });

  it('keeps the files left out of the job, each with why, for the job page', async () => {
    const leftOut = [errorIssue('import:image.sizeMismatch', { file: 'odd.png', width: 128, height: 128, projectWidth: 96, projectHeight: 64 })];
    const job = await createTrialJob(db, {
      projectId: project.id,
      name: 'with one left out',
      modelVersionId: model.id,
      images: [trialImage('a.png')],
      leftOut,
    });
    expect(job.leftOut).toEqual(leftOut);
    expect((await getTrialJob(db, job.id)).leftOut).toEqual(leftOut);
  });

  it('refuses more than 2,000 images with the count, storing nothing', async () => {
    const before = await snapshotDatabase(db);
    const images = Array.from({ length: 2001 }, (_, i) => trialImage(`${i}.png`));
    expect(await failureMessage(newJob(images))).toBe('A trial detection accepts at most 2,000 images. Choose fewer than the 2,001 selected.');
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('accepts exactly 2,000 images', async () => {
    const job = await newJob(Array.from({ length: 2000 }, (_, i) => trialImage(`${i}.png`)));
    expect((await listTrialResults(db, job.id)).length).toBe(2000);
  });

  it('refuses a model that has not finished training, an empty name and no images, storing nothing', async () => {
    const before = await snapshotDatabase(db);
    const training = await putModelVersion('TRAINING', 2);
    const beforeModel = await snapshotDatabase(db);
    expect(await failureMessage(createTrialJob(db, { projectId: project.id, name: 'x', modelVersionId: training.id, images: [trialImage('1.png')] }))).toBe(
      'Model 2 has not finished training. Pick a model whose training is complete.',
    );
    expect(await snapshotDatabase(db)).toEqual(beforeModel);
    await db.delete('modelVersions', training.id);
    expect(await failureMessage(newJob([trialImage('1.png')], '  '))).toBe('Give the trial detection a name.');
    expect(await failureMessage(newJob([]))).toBe('Add at least one image to the trial detection.');
    expect(await snapshotDatabase(db)).toEqual(before);
  });
});

describe('recording results', () => {
  it('stores predictions with their masks, errors, and keeps the pending list', async () => {
    const job = await newJob([trialImage('1.png'), trialImage('2.png'), trialImage('3.png')]);
    const [first, second, third] = await listTrialResults(db, job.id);
    await recordTrialPrediction(db, first!.id, prediction(true, [label.scratch!.id]), labelMaskPng({ [label.scratch!.index]: [0, 1] }));
    await recordTrialError(db, second!.id, 'not a PNG or JPEG');
    expect((await pendingTrialResults(db, job.id)).map((result) => result.id)).toEqual([third!.id]);

    const stored = (await listTrialResults(db, job.id))[0]!;
    expect(stored.prediction).toEqual(prediction(true, [label.scratch!.id]));
    const mask = decodeLabelMaskPng(new Uint8Array(await (await db.get('masks', stored.maskId!))!.blob.arrayBuffer()));
    expect([mask.mask[0], mask.mask[1], mask.mask[2]]).toEqual([label.scratch!.index, label.scratch!.index, 0]);
    expect((await listTrialResults(db, job.id))[1]!.error).toBe('not a PNG or JPEG');

    // Judging again replaces the mask, never leaving the old one behind.
    await recordTrialPrediction(db, first!.id, prediction(false), null);
    expect((await listTrialResults(db, job.id))[0]!.maskId).toBeNull();
    expect(await db.count('masks')).toBe(1); // the dataset's own mask only
    expect(await storeInconsistencies(db)).toEqual([]);

    await finishTrialJobRun(db, job.id, 'COMPLETED');
    expect((await listTrialJobs(db, project.id))[0]).toMatchObject({ done: 2, anomalous: 0, job: { status: 'COMPLETED' } });
  });

  it('marks RUNNING jobs no tab runs as STOPPED with the reason, leaving running ones alone', async () => {
    const interrupted = await newJob([trialImage('1.png'), trialImage('2.png')], 'interrupted');
    const running = await newJob([trialImage('3.png')], 'running');
    const [first] = await listTrialResults(db, interrupted.id);
    await recordTrialPrediction(db, first!.id, prediction(false), null);
    const count = await markTrialJobsInterrupted(
      db,
      project.id,
      (jobId) => jobId === running.id,
      (done, total) => `stopped at ${done}/${total}`,
    );
    expect(count).toBe(1);
    expect(await db.get('trialJobs', interrupted.id)).toMatchObject({ status: 'STOPPED', statusMessage: 'stopped at 1/2' });
    expect(await db.get('trialJobs', running.id)).toMatchObject({ status: 'RUNNING' });
    // Resuming makes it RUNNING again with only the unjudged image left.
    expect(await beginTrialJobRun(db, interrupted.id)).toMatchObject({ status: 'RUNNING', statusMessage: '' });
    expect((await pendingTrialResults(db, interrupted.id)).map((result) => result.fileName)).toEqual(['2.png']);
  });
});

describe('verifying', () => {
  it('marks judged results correct or incorrect together and refuses unjudged ones without changing anything', async () => {
    const job = await newJob([trialImage('1.png'), trialImage('2.png'), trialImage('3.png')]);
    const [first, second, third] = await listTrialResults(db, job.id);
    await recordTrialPrediction(db, first!.id, prediction(false), null);
    await recordTrialPrediction(db, second!.id, prediction(true), null);
    expect(await verifyTrialResults(db, [first!.id, second!.id], 'correct')).toBe(2);
    await verifyTrialResults(db, [second!.id], 'incorrect');
    expect((await listTrialResults(db, job.id)).map((result) => result.verification)).toEqual(['correct', 'incorrect', null]);

    const before = await snapshotDatabase(db);
    expect(await failureMessage(verifyTrialResults(db, [first!.id, third!.id], 'correct'))).toBe(
      '1 of the selected images has not been judged yet. Wait for the trial detection to finish.',
    );
    expect(await failureMessage(verifyTrialResults(db, ['gone'], 'correct'))).toBe(
      '1 of the selected results no longer exists. Reload the page; nothing was changed.',
    );
    expect(await snapshotDatabase(db)).toEqual(before);
    expect((await listTrialJobs(db, project.id))[0]!.verified).toBe(2);
  });

  it('stores a corrected mask in place of the predicted one and verifies the image', async () => {
    const job = await newJob([trialImage('1.png')]);
    const [result] = await listTrialResults(db, job.id);
    await recordTrialPrediction(db, result!.id, prediction(true, [label.scratch!.id]), labelMaskPng({ [label.scratch!.index]: [5] }));
    const predictedMaskId = (await db.get('trialResults', result!.id))!.maskId!;
    const corrected = await saveTrialCorrection(db, result!.id, {
      classification: 'anomaly',
      mask: labelMaskPng({ [label.dent!.index]: [7, 8] }),
      labelIds: [label.dent!.id],
    });
    expect(corrected).toMatchObject({ verification: 'correct', correction: { classification: 'anomaly', labelIds: [label.dent!.id] } });
    expect(await db.get('masks', predictedMaskId)).toBeUndefined();
    const mask = decodeLabelMaskPng(new Uint8Array(await (await db.get('masks', corrected.maskId!))!.blob.arrayBuffer()));
    expect([mask.mask[5], mask.mask[7], mask.mask[8]]).toEqual([0, label.dent!.index, label.dent!.index]);

    const before = await snapshotDatabase(db);
    expect(
      await failureMessage(
        saveTrialCorrection(db, result!.id, { classification: 'normal', mask: labelMaskPng({ [label.dent!.index]: [1] }), labelIds: [label.dent!.id] }),
      ),
    ).toMatch(/anomal/i);
    expect(
      await failureMessage(
        saveTrialCorrection(db, result!.id, { classification: 'anomaly', mask: labelMaskPng({ [label.dent!.index]: [1] }), labelIds: [label.scratch!.id] }),
      ),
    ).toMatch(/label/i);
    expect(await snapshotDatabase(db)).toEqual(before);
    expect(await storeInconsistencies(db)).toEqual([]);
  });
});

describe('adding verified images to the dataset', () => {
  async function judgedJob() {
    const job = await newJob([
      trialImage('good-anomaly.png'),
      trialImage('wrong-anomaly.png'),
      trialImage('unverified.png'),
      trialImage('already-there.png', 'normal.png'),
    ]);
    const [goodAnomaly, wrongAnomaly, unverified, duplicate] = await listTrialResults(db, job.id);
    await recordTrialPrediction(db, goodAnomaly!.id, prediction(true, [label.scratch!.id]), labelMaskPng({ [label.scratch!.index]: [3] }));
    await recordTrialPrediction(db, wrongAnomaly!.id, prediction(true), null);
    await recordTrialPrediction(db, unverified!.id, prediction(false), null);
    await recordTrialPrediction(db, duplicate!.id, prediction(false), null);
    await verifyTrialResults(db, [goodAnomaly!.id, duplicate!.id], 'correct');
    await verifyTrialResults(db, [wrongAnomaly!.id], 'incorrect');
    await finishTrialJobRun(db, job.id, 'COMPLETED');
    return job;
  }

  it('adds verified images with their verified labels, skips duplicates by content, and marks them added', async () => {
    const job = await judgedJob();
    const report = await addVerifiedResultsToDataset(db, job.id);
    expect(report).toEqual({
      datasetId: train.id,
      added: 2,
      updated: 0,
      skippedDuplicates: [{ sourceRef: 'line-3 trial/already-there.png', duplicateOf: 'normal.png' }],
    });

    const entries = Object.fromEntries((await db.getAllFromIndex('entries', 'by-dataset', train.id)).map((entry) => [entry.sourceRef, entry]));
    expect(entries['line-3 trial/good-anomaly.png']).toMatchObject({
      classification: 'anomaly',
      humanAnnotated: true,
      jobName: 'line-3 trial',
      anomalyLabelIds: [label.scratch!.id],
    });
    const mask = decodeLabelMaskPng(new Uint8Array(await (await db.get('masks', entries['line-3 trial/good-anomaly.png']!.maskId!))!.blob.arrayBuffer()));
    expect(mask.mask[3]).toBe(label.scratch!.index);
    // Verified incorrect: the opposite of the predicted anomaly.
    expect(entries['line-3 trial/wrong-anomaly.png']).toMatchObject({ classification: 'normal', maskId: null, anomalyLabelIds: [] });
    expect(entries['line-3 trial/unverified.png']).toBeUndefined();
    expect((await db.get('datasets', train.id))!.imageStats).toEqual({ Total: 4, Labeled: 4, Normal: 2, Anomaly: 2 });

    const added = (await listTrialResults(db, job.id)).map((result) => result.addedToDatasetId);
    expect(added).toEqual([train.id, train.id, null, train.id]);
    expect(await failureMessage(addVerifiedResultsToDataset(db, job.id))).toBe(
      'No verified image is waiting to be added. Verify images as correct or incorrect first.',
    );
    expect(await storeInconsistencies(db)).toEqual([]);
  });

  it('recognises a generated (demo) picture by content and reports the opposite label instead of storing it twice', async () => {
    // Written like the demo project: entries handed over without a content hash.
    project = await writeNewProject(db, {
      name: 'demo-like',
      imageSize: sampleSize,
      modelType: null,
      labels: [],
      datasets: [
        {
          type: 'train',
          entries: [{ sourceRef: 'anomaly/dent-005.png', image: fakePng('dent-005'), ...sampleSize, classification: 'anomaly', labelNames: [] }],
        },
      ],
    });
    model = await putModelVersion('TRAINED', 1);
    const job = await newJob([trialImage('missing-component-002.png', 'dent-005')], 'trial-1');
    const [result] = await listTrialResults(db, job.id);
    await recordTrialPrediction(db, result!.id, prediction(false), null);
    await verifyTrialResults(db, [result!.id], 'correct');
    const demoDataset = (await db.getAllFromIndex('datasets', 'by-project', project.id))[0]!;
    const entriesBefore = await db.getAllFromIndex('entries', 'by-dataset', demoDataset.id);

    const report = await addVerifiedResultsToDataset(db, job.id);
    expect(report.added).toBe(0);
    expect(report.skippedDuplicates).toEqual([
      { sourceRef: 'trial-1/missing-component-002.png', duplicateOf: 'anomaly/dent-005.png', conflictingLabels: { stored: 'anomaly', skipped: 'normal' } },
    ]);
    expect(await db.getAllFromIndex('entries', 'by-dataset', demoDataset.id)).toEqual(entriesBefore);
  });

  it('changes nothing when one image cannot be added (another size than the project)', async () => {
    const job = await judgedJob();
    const odd = await newJob([trialImage('small.png', 'small.png', { width: 32, height: 32 })], 'odd');
    const [small] = await listTrialResults(db, odd.id);
    await recordTrialPrediction(db, small!.id, prediction(false), null);
    await verifyTrialResults(db, [small!.id], 'correct');
    const before = await snapshotDatabase(db);
    expect(await failureMessage(addVerifiedResultsToDataset(db, odd.id))).toBe('odd/small.png is 32×32 but this project uses 64×64.');
    expect(await snapshotDatabase(db)).toEqual(before);
    // The other job is unaffected and still adds.
    expect((await addVerifiedResultsToDataset(db, job.id)).added).toBe(2);
  });

  it('changes nothing when the project has no training dataset', async () => {
    const job = await judgedJob();
    await db.clear('entries');
    await db.delete('datasets', train.id);
    const before = await snapshotDatabase(db);
    expect(await failureMessage(addVerifiedResultsToDataset(db, job.id))).toBe(
      'This project has no training dataset to add the images to. Create one on the Datasets tab first.',
    );
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('uses a corrected label over the verification', async () => {
    const job = await newJob([trialImage('missed.png')]);
    const [missed] = await listTrialResults(db, job.id);
    await recordTrialPrediction(db, missed!.id, prediction(false), null);
    await saveTrialCorrection(db, missed!.id, { classification: 'anomaly', mask: labelMaskPng({ [label.dent!.index]: [9] }), labelIds: [label.dent!.id] });
    expect((await db.get('trialResults', missed!.id))!.verification).toBe('incorrect');
    await addVerifiedResultsToDataset(db, job.id);
    const entry = await db.getFromIndex('entries', 'by-dataset-sourceRef', [train.id, 'line-3 trial/missed.png']);
    expect(entry).toMatchObject({ classification: 'anomaly', anomalyLabelIds: [label.dent!.id] });
    const mask = decodeLabelMaskPng(new Uint8Array(await (await db.get('masks', entry!.maskId!))!.blob.arrayBuffer()));
    expect(mask.mask[9]).toBe(label.dent!.index);
  });
});

describe('deleting a trial job', () => {
  it('is refused while the job runs and afterwards removes the job, its results and every Blob', async () => {
    const before = await snapshotDatabase(db);
    const job = await newJob([trialImage('1.png'), trialImage('2.png')]);
    const [first] = await listTrialResults(db, job.id);
    await recordTrialPrediction(db, first!.id, prediction(true, [label.scratch!.id]), labelMaskPng({ [label.scratch!.index]: [0] }));
    expect(await failureMessage(deleteTrialJob(db, job.id))).toBe('“line-3 trial” is still running. Cancel it before deleting it.');
    await finishTrialJobRun(db, job.id, 'STOPPED', 'Cancelled');
    await deleteTrialJob(db, job.id);
    expect(await snapshotDatabase(db)).toEqual(before);
    expect(await failureMessage(deleteTrialJob(db, job.id))).toBe('This trial detection no longer exists. Reload the page.');
  });
});
