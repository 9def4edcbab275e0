// A trial job's page in Chromium names every chosen file that was left out of the job and why, and says
// how many (issue 15, defect 4): the files are checked by the real import worker as "Run trial detection"
// does, the job is stored by createTrialJob with what was left out, and TrialJobStatus renders the stored job.
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeRgbaPng } from '../../src/domain/png';
import type { ValidationIssue } from '../../src/domain/rules/issues';
import type { Project, TrialJob } from '../../src/domain/types';
import { i18n } from '../../src/i18n';
import { importWorker } from '../../src/app/workers';
import { openSpotcheckDb } from '../../src/storage/db';
import { completeTraining } from '../../src/storage/modelFiles';
import { deleteProject } from '../../src/storage/projects';
import { createTrialJob, getTrialJob, listTrialResults, markTrialJobsInterrupted } from '../../src/storage/trialJobs';
import { TrialJobStatus } from '../../src/trials/TrialJobStatus';
import { writeSyntheticProject } from '../fixtures/syntheticProject';

const side = 64;
const otherWidth = 96;
const otherHeight = 80;
/** How long a poll may wait for React to commit: generous for a loaded 2-core machine. */
const renderTimeoutMs = 20_000;
const poll = { timeout: renderTimeoutMs, interval: 50 };

let project: Project;
let job: TrialJob;
let root: Root;
let container: HTMLDivElement;

const grey = (width: number, height: number) =>
  new Blob([encodeRgbaPng(new Uint8Array(width * height * 4).fill(128), width, height) as Uint8Array<ArrayBuffer>], { type: 'image/png' });

async function storeTrainedModel(projectId: string): Promise<string> {
  const db = await openSpotcheckDb();
  const id = crypto.randomUUID();
  await db.put('modelVersions', {
    id,
    projectId,
    version: 1,
    status: 'TRAINING',
    statusMessage: '',
    createdAt: new Date().toISOString(),
    description: '',
    tags: [],
    modelType: 'segmentation',
    idempotencyKey: crypto.randomUUID(),
  });
  const performance = { precision: 1, recall: 1, f1: 1, auroc: 1, ap: 1, truePositives: 1, falsePositives: 0, trueNegatives: 1, falseNegatives: 0 };
  await completeTraining(
    db,
    id,
    {
      performance: { ...performance, trainingImages: 0, testingImages: 2 },
      anomalyThreshold: 0.5,
      trainedAnomalyThreshold: 0.5,
      split: { seed: 1, trainIds: [], testIds: [] },
      backbone: 'mobilenet_v2_mid',
      trainingDurationMs: 1000,
    },
    [],
  );
  return id;
}

beforeAll(async () => {
  const db = await openSpotcheckDb();
  project = await writeSyntheticProject(db, {
    name: `left-out-${crypto.randomUUID().slice(0, 8)}`,
    seed: 6,
    side,
    normalCount: 2,
    perDefectCount: 1,
    defectTypes: ['scratch'],
  });
  const modelVersionId = await storeTrainedModel(project.id);
  // As CreateTrialJob does with "Leave them out": the worker checks the files, and what it did not take is kept on the job.
  const prepared = await importWorker.run((api) =>
    api.prepareImport({
      files: [
        { path: 'good.png', blob: grey(side, side) },
        { path: 'wide.png', blob: grey(otherWidth, otherHeight) },
        { path: 'notes.png', blob: new Blob(['not an image'], { type: 'image/png' }) },
      ],
      projectSize: project.imageSize,
      existingLabels: [],
    }),
  );
  const leftOut: ValidationIssue[] = [...prepared.errors, ...prepared.skipped, ...prepared.sizeMismatches];
  const created = await createTrialJob(db, {
    projectId: project.id,
    name: 'with left-out files',
    modelVersionId,
    leftOut,
    images: prepared.items.map((item) => ({
      fileName: item.sourceRef,
      contentHash: item.contentHash,
      image: item.image,
      width: item.width,
      height: item.height,
    })),
  });
  job = await getTrialJob(db, created.id);
  const results = await listTrialResults(db, job.id);

  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  root.render(createElement(I18nextProvider, { i18n }, createElement(TrialJobStatus, { job, results })));
});

afterAll(async () => {
  root.unmount();
  container.remove();
  const db = await openSpotcheckDb();
  // No tab runs the job here: stop it as app start does, or its project stays busy and refuses deletion.
  await markTrialJobsInterrupted(
    db,
    project.id,
    () => false,
    () => '',
  );
  await deleteProject(db, project.id, project.name);
});

describe('a trial job with left-out files', () => {
  it('says how many were left out and names each file with why', async () => {
    const leftOutText = () => container.querySelector('[data-testid="trial-left-out"] p')?.textContent;
    const leftOutItems = () => [...container.querySelectorAll('[data-testid="trial-left-out"] li')].map((item) => item.textContent);
    // One wait for everything asserted: the count line and every file with why, and the job's own count beside them.
    await vi.waitFor(() => {
      expect(leftOutText()).toBe('2 chosen files were left out of this trial detection:');
      expect(leftOutItems()).toEqual([
        'notes.png is not a PNG or JPEG image. It was skipped; convert it to PNG or JPEG to import it.',
        `wide.png is ${otherWidth}×${otherHeight} but this project uses ${side}×${side}. Crop or resize it to ${side}×${side}.`,
      ]);
      expect(container.querySelector('[data-testid="trial-status"]')?.textContent).toContain('0 of 1');
    }, poll);
  });
});
