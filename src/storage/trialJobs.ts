// Trial detection jobs (spec §7, item 6) and their per-image results: creating a job stores its
// images (Blobs in `images`/`thumbnails`, like dataset images) with the job in one transaction;
// predictions, verifications and mask corrections are recorded per image; verified images go into
// the training dataset together with their "added" mark in one transaction; deleting a job removes
// its results and Blobs. A job is RUNNING only while a tab runs it; see markTrialJobsInterrupted.
import type { IDBPDatabase } from 'idb';
import { UserFacingError } from '../domain/errors';
import { decodeLabelMaskPng } from '../domain/png';
import { issueToError, type ValidationIssue } from '../domain/rules/issues';
import { maxLabelsPerMask } from '../domain/rules/limits';
import { checkTrialImageCount } from '../domain/rules/quotas';
import { trialLabelOf } from '../domain/trialLabel';
import type { ImageClass, TrialJob, TrialPrediction, TrialResult } from '../domain/types';
import { labelIndicesInMask } from './annotations';
import { blobDeletions } from './entryBlobs';
import { IMPORT_STORES, importStoresOf, writeImport, type ImportItem, type ImportReport } from './importCommit';
import { isTrainedStatus } from './modelFiles';
import type { SpotcheckDB } from './schema';
import { issueAll, writeTransaction } from './transaction';

type Db = IDBPDatabase<SpotcheckDB>;

/** One picked image, checked and hashed (the import worker's `prepareImport` gives exactly this). */
export interface TrialImage {
  fileName: string;
  contentHash: string;
  image: Blob;
  thumbnail?: Blob;
  width: number;
  height: number;
}

export interface NewTrialJob {
  projectId: string;
  name: string;
  modelVersionId: string;
  images: readonly TrialImage[];
  /** The chosen files left out of the job, each naming the file and why; kept on the job for its page. */
  leftOut?: readonly ValidationIssue[];
}

export interface TrialJobSummary {
  job: TrialJob;
  /** Images judged (or found unreadable) so far. */
  done: number;
  anomalous: number;
  verified: number;
  added: number;
}

export interface TrialCorrection {
  classification: ImageClass;
  /** 8-bit label-index PNG at the image's size; null for no mask. */
  mask: Blob | null;
  labelIds: string[];
}

export interface AddToDatasetReport extends Pick<ImportReport, 'added' | 'updated' | 'skippedDuplicates'> {
  datasetId: string;
}

const jobNotFound = () => new UserFacingError('trials:errors.jobNotFound');
const resultNotFound = () => new UserFacingError('trials:errors.resultNotFound');

function isDone(result: TrialResult): boolean {
  return result.prediction !== null || result.error !== null;
}

/** Stores the job (RUNNING: its creator runs it next) with all of its images, or nothing. */
export async function createTrialJob(db: Db, input: NewTrialJob): Promise<TrialJob> {
  const name = input.name.trim();
  if (name === '') throw new UserFacingError('trials:errors.nameRequired');
  if (input.images.length === 0) throw new UserFacingError('trials:errors.noImages');
  const overLimit = checkTrialImageCount(input.images.length);
  if (overLimit) throw issueToError(overLimit);

  return writeTransaction(db, ['projects', 'modelVersions', 'trialJobs', 'trialResults', 'images', 'thumbnails'], async (transaction) => {
    const store = transaction.objectStore.bind(transaction);
    const [project, version] = await Promise.all([store('projects').get(input.projectId), store('modelVersions').get(input.modelVersionId)]);
    if (!project) throw new UserFacingError('project.notFound');
    if (!version || version.projectId !== project.id) throw new UserFacingError('model.notFound');
    if (!isTrainedStatus(version.status)) throw new UserFacingError('trials:errors.modelNotTrained', { version: version.version });
    const job: TrialJob = {
      id: crypto.randomUUID(),
      projectId: project.id,
      name,
      modelVersion: version.version,
      modelVersionId: version.id,
      status: 'RUNNING',
      statusMessage: '',
      createdAt: new Date().toISOString(),
      imageCount: input.images.length,
      leftOut: [...(input.leftOut ?? [])],
    };
    const results = input.images.map((image, position): TrialResult => ({
      id: crypto.randomUUID(),
      jobId: job.id,
      projectId: project.id,
      imageId: crypto.randomUUID(),
      maskId: null,
      position,
      fileName: image.fileName,
      contentHash: image.contentHash,
      width: image.width,
      height: image.height,
      prediction: null,
      error: null,
      verification: null,
      correction: null,
      addedToDatasetId: null,
    }));
    await issueAll([
      () => store('trialJobs').add(job),
      ...results.flatMap((result, i) => {
        const { image, thumbnail } = input.images[i]!;
        return [
          () => store('trialResults').add(result),
          () => store('images').add({ id: result.imageId, blob: image }),
          ...(thumbnail ? [() => store('thumbnails').add({ id: result.imageId, blob: thumbnail })] : []),
        ];
      }),
    ]);
    return job;
  });
}

export async function getTrialJob(db: Db, jobId: string): Promise<TrialJob> {
  const job = await db.get('trialJobs', jobId);
  if (!job) throw jobNotFound();
  return job;
}

/** The job's results in the order the images were picked. */
export async function listTrialResults(db: Db, jobId: string): Promise<TrialResult[]> {
  const results = await db.getAllFromIndex('trialResults', 'by-job', jobId);
  return results.sort((a, b) => a.position - b.position);
}

/** The project's jobs, newest first, with their progress and verification counts. */
export async function listTrialJobs(db: Db, projectId: string): Promise<TrialJobSummary[]> {
  const transaction = db.transaction(['trialJobs', 'trialResults']);
  const jobs = await transaction.objectStore('trialJobs').index('by-project').getAll(projectId);
  const byJob = transaction.objectStore('trialResults').index('by-job');
  const summaries = await Promise.all(
    jobs.map(async (job) => {
      const results = await byJob.getAll(job.id);
      return {
        job,
        done: results.filter(isDone).length,
        anomalous: results.filter((result) => result.prediction?.isAnomalous).length,
        verified: results.filter((result) => result.verification !== null).length,
        added: results.filter((result) => result.addedToDatasetId !== null).length,
      };
    }),
  );
  return summaries.sort((a, b) => (a.job.createdAt < b.job.createdAt ? 1 : a.job.createdAt > b.job.createdAt ? -1 : 0));
}

async function updateJob(db: Db, jobId: string, change: (job: TrialJob) => TrialJob): Promise<TrialJob> {
  return writeTransaction(db, ['trialJobs'], async (transaction) => {
    const job = await transaction.store.get(jobId);
    if (!job) throw jobNotFound();
    const updated = change(job);
    await transaction.store.put(updated);
    return updated;
  });
}

/** A new run (or a resumed one) begins: RUNNING with no message. */
export function beginTrialJobRun(db: Db, jobId: string): Promise<TrialJob> {
  return updateJob(db, jobId, (job) => ({ ...job, status: 'RUNNING', statusMessage: '' }));
}

export function finishTrialJobRun(db: Db, jobId: string, status: Exclude<TrialJob['status'], 'RUNNING'>, statusMessage = ''): Promise<TrialJob> {
  return updateJob(db, jobId, (job) => ({ ...job, status, statusMessage }));
}

/**
 * RUNNING jobs of the project that no tab runs any more (`isRunning` says which still run) become
 * STOPPED with `messageFor(done, total)`, so none stays RUNNING for ever; returns how many.
 */
export async function markTrialJobsInterrupted(
  db: Db,
  projectId: string,
  isRunning: (jobId: string) => boolean,
  messageFor: (done: number, total: number) => string,
): Promise<number> {
  return writeTransaction(db, ['trialJobs', 'trialResults'], async (transaction) => {
    const jobs = await transaction.objectStore('trialJobs').index('by-project').getAll(projectId);
    const stale = jobs.filter((job) => job.status === 'RUNNING' && !isRunning(job.id));
    for (const job of stale) {
      const results = await transaction.objectStore('trialResults').index('by-job').getAll(job.id);
      await transaction.objectStore('trialJobs').put({ ...job, status: 'STOPPED', statusMessage: messageFor(results.filter(isDone).length, results.length) });
    }
    return stale.length;
  });
}

/** Results still to judge, in order. */
export async function pendingTrialResults(db: Db, jobId: string): Promise<TrialResult[]> {
  return (await listTrialResults(db, jobId)).filter((result) => !isDone(result));
}

async function updateResult(db: Db, resultId: string, change: (result: TrialResult) => { result: TrialResult; mask?: Blob | null }): Promise<TrialResult> {
  return writeTransaction(db, ['trialJobs', 'trialResults', 'masks'], async (transaction) => {
    const results = transaction.objectStore('trialResults');
    const masks = transaction.objectStore('masks');
    const current = await results.get(resultId);
    if (!current) throw resultNotFound();
    if ((await transaction.objectStore('trialJobs').count(current.jobId)) === 0) throw jobNotFound();
    const { result, mask } = change(current);
    // `mask` undefined keeps the stored one; a Blob or null replaces it.
    const maskId = mask === undefined ? current.maskId : mask ? crypto.randomUUID() : null;
    const updated = { ...result, maskId };
    await issueAll([
      ...(mask !== undefined && current.maskId ? [() => masks.delete(current.maskId!)] : []),
      ...(mask && maskId ? [() => masks.add({ id: maskId, blob: mask })] : []),
      () => results.put(updated),
    ]);
    return updated;
  });
}

/** Stores one image's verdict with its predicted label-index mask (null: no labelled pixels or classification). */
export function recordTrialPrediction(db: Db, resultId: string, prediction: TrialPrediction, mask: Blob | null): Promise<TrialResult> {
  return updateResult(db, resultId, (result) => ({ result: { ...result, prediction, error: null }, mask }));
}

/** An image the model refused (e.g. not the project size): the run goes on without it. */
export function recordTrialError(db: Db, resultId: string, error: string): Promise<TrialResult> {
  return updateResult(db, resultId, (result) => ({ result: { ...result, error } }));
}

/** Marks judged results correct or incorrect (or clears the mark with null), all at once. */
export async function verifyTrialResults(db: Db, resultIds: readonly string[], verification: TrialResult['verification']): Promise<number> {
  return writeTransaction(db, ['trialResults'], async (transaction) => {
    const results = await Promise.all(resultIds.map((id) => transaction.store.get(id)));
    const missing = results.filter((result) => !result).length;
    if (missing > 0) throw new UserFacingError('trials:errors.resultsGone', { count: missing });
    const unjudged = results.filter((result) => !result!.prediction).length;
    if (unjudged > 0) throw new UserFacingError('trials:errors.notJudged', { count: unjudged });
    await issueAll(results.map((result) => () => transaction.store.put({ ...result!, verification })));
    return results.length;
  });
}

/**
 * The label fixed in the annotation tool: class, labels and mask replace the predicted mask at once.
 * An unverified image becomes verified: correct when the class is the predicted one.
 */
export async function saveTrialCorrection(db: Db, resultId: string, correction: TrialCorrection): Promise<TrialResult> {
  const labelIds = [...new Set(correction.labelIds)];
  const { classification, mask } = correction;
  if (mask !== null && classification !== 'anomaly') throw new UserFacingError('labeling:errors.maskNotAnomalous');
  if ((mask === null) !== (labelIds.length === 0)) throw new UserFacingError('labeling:errors.maskLabelsDisagree');
  if (labelIds.length > maxLabelsPerMask) throw new UserFacingError('labeling:errors.tooManyLabels', { max: maxLabelsPerMask });
  // Decoded before the transaction: awaiting anything but its requests would let it commit early.
  const decoded = mask ? decodeLabelMaskPng(new Uint8Array(await mask.arrayBuffer())) : null;
  const labels = await Promise.all(labelIds.map((id) => db.get('anomalyLabels', id)));
  const stored = await db.get('trialResults', resultId);
  if (!stored) throw resultNotFound();
  labels.forEach((label, i) => {
    if (!label || label.projectId !== stored.projectId) throw new UserFacingError('labeling:errors.labelDeleted', { name: labelIds[i]! });
  });
  if (decoded) {
    if (decoded.width !== stored.width || decoded.height !== stored.height) {
      throw new UserFacingError('labeling:errors.maskSize', {
        width: decoded.width,
        height: decoded.height,
        imageWidth: stored.width,
        imageHeight: stored.height,
      });
    }
    const painted = labelIndicesInMask(decoded.mask);
    const given = new Set(labels.map((label) => label!.index));
    if (painted.size !== given.size || [...painted].some((index) => !given.has(index))) throw new UserFacingError('labeling:errors.maskLabelsDisagree');
  }
  return updateResult(db, resultId, (result) => {
    if (!result.prediction) throw new UserFacingError('trials:errors.notJudged', { count: 1 });
    const predicted = result.prediction.isAnomalous ? 'anomaly' : 'normal';
    const verification = result.verification ?? (classification === predicted ? 'correct' : 'incorrect');
    return { result: { ...result, verification, correction: { classification, labelIds } }, mask };
  });
}

/** What must not change between reading the Blobs and committing the add. */
function labelFingerprint(result: TrialResult): string {
  return JSON.stringify([result.verification, result.correction, result.maskId, result.addedToDatasetId]);
}

function missingBlob(result: TrialResult): UserFacingError {
  return new UserFacingError('trials:errors.imageMissing', { file: result.fileName });
}

/**
 * Adds every verified, not yet added image of the job to the training dataset (the single dataset
 * when there is only one) with its verified label and `human-annotated` yes, de-duplicated by
 * content like an import, and marks those results added — one transaction: all or nothing.
 */
export async function addVerifiedResultsToDataset(db: Db, jobId: string): Promise<AddToDatasetReport> {
  const job = await getTrialJob(db, jobId);
  const candidates = (await listTrialResults(db, jobId)).filter((result) => result.addedToDatasetId === null && trialLabelOf(result));
  if (candidates.length === 0) throw new UserFacingError('trials:errors.nothingVerified');
  const labels = new Map((await db.getAllFromIndex('anomalyLabels', 'by-project', job.projectId)).map((label) => [label.id, label]));

  // Blobs are read before the transaction: awaiting them inside it would let it commit early.
  const items = await Promise.all(
    candidates.map(async (result): Promise<ImportItem> => {
      const label = trialLabelOf(result)!;
      const [image, thumbnail, mask] = await Promise.all([
        db.get('images', result.imageId),
        db.get('thumbnails', result.imageId),
        label.withMask ? db.get('masks', result.maskId!) : undefined,
      ]);
      if (!image || (label.withMask && !mask)) throw missingBlob(result);
      return {
        sourceRef: `${job.name}/${result.fileName}`,
        contentHash: result.contentHash,
        image: image.blob,
        ...(thumbnail ? { thumbnail: thumbnail.blob } : {}),
        width: result.width,
        height: result.height,
        classification: label.classification,
        humanAnnotated: true,
        jobName: job.name,
        ...(mask ? { mask: mask.blob } : {}),
        labelNames: label.labelIds.map((id) => {
          const known = labels.get(id);
          if (!known) throw new UserFacingError('labeling:errors.labelDeleted', { name: id });
          return known.name;
        }),
      };
    }),
  );
  const fingerprints = new Map(candidates.map((result) => [result.id, labelFingerprint(result)]));
  const commitTime = new Date().toISOString();

  return writeTransaction(db, [...IMPORT_STORES, 'trialJobs', 'trialResults'], async (transaction) => {
    const store = transaction.objectStore.bind(transaction);
    if ((await store('trialJobs').count(jobId)) === 0) throw jobNotFound();
    const current = await Promise.all(candidates.map((result) => store('trialResults').get(result.id)));
    if (current.some((result) => !result || labelFingerprint(result) !== fingerprints.get(result.id))) {
      throw new UserFacingError('trials:errors.changedMeanwhile');
    }
    const dataset = await store('datasets').index('by-project-type').get([job.projectId, 'train']);
    if (!dataset) throw new UserFacingError('trials:errors.noTrainingDataset');
    const project = await store('projects').get(job.projectId);
    const imageSize = project?.imageSize ?? { width: candidates[0]!.width, height: candidates[0]!.height };
    const report = await writeImport(
      importStoresOf(transaction),
      { projectId: job.projectId, datasetId: dataset.id, imageSize, newLabels: [], items, samePath: 'replaceAll' },
      commitTime,
    );
    await issueAll(current.map((result) => () => store('trialResults').put({ ...result!, addedToDatasetId: dataset.id })));
    return { datasetId: dataset.id, added: report.added, updated: report.updated, skippedDuplicates: report.skippedDuplicates };
  });
}

/** Deletes the job, its results and their Blobs; refused while it runs. */
export async function deleteTrialJob(db: Db, jobId: string): Promise<void> {
  await writeTransaction(db, ['trialJobs', 'trialResults', 'images', 'thumbnails', 'masks'], async (transaction) => {
    const store = transaction.objectStore.bind(transaction);
    const job = await store('trialJobs').get(jobId);
    if (!job) throw jobNotFound();
    if (job.status === 'RUNNING') throw new UserFacingError('trials:errors.deleteRunning', { name: job.name });
    const results = await store('trialResults').index('by-job').getAll(jobId);
    const blobStores = { images: store('images'), thumbnails: store('thumbnails'), masks: store('masks') };
    await issueAll([
      ...results.flatMap((result) => [() => store('trialResults').delete(result.id), ...blobDeletions(blobStores, result)]),
      () => store('trialJobs').delete(jobId),
    ]);
  });
}
