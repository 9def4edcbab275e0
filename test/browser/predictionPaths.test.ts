// One prediction from engine to pixels (issue 12), over the real training and detection workers and the
// app's IndexedDB in Chromium: a generated segmentation project is trained, then one of its test images goes
// through every path that predicts — detect-on-files (the PNG file), a trial job, the camera loop's detection
// call (a transferred ImageBitmap) and the model detail's stored test results — and each gives the same
// label-index mask, pixel for pixel, and the same score. Then the label is renamed and recoloured: the old
// trial result and the old test result are drawn with the label's new name and colour.
import { createElement, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabelMask } from '../../src/contracts/prediction';
import { detectionWorker, trainingWorker } from '../../src/app/workers';
import { startModelAndWait } from '../../src/runtime/modelHosting';
import { decodeLabelMask } from '../../src/domain/png';
import type { AnomalyLabel, ModelVersion, Project } from '../../src/domain/types';
import { i18n } from '../../src/i18n';
import { TestResultCard } from '../../src/models/detail/TestResultCard';
import { runTraining } from '../../src/models/training/runTraining';
import { openSpotcheckDb } from '../../src/storage/db';
import { listAnomalyLabels, recolorAnomalyLabel, renameAnomalyLabel } from '../../src/storage/labels';
import { loadModelEvaluation, readTestImageMasks } from '../../src/storage/modelEvaluation';
import { createModelVersion } from '../../src/storage/modelVersions';
import { deleteProject } from '../../src/storage/projects';
import { createTrialJob, listTrialResults } from '../../src/storage/trialJobs';
import { TrialResultCard } from '../../src/trials/TrialResultCard';
import { runTrialJob } from '../../src/trials/runTrialJob';
import { transfer } from '../../workers/bridge';
import { writeSyntheticProject } from '../fixtures/syntheticProject';
import { workerProjectSide as side, workerTrainingTimeoutMs as trainingTimeoutMs } from './fixtures/workerProject';

/**
 * Training scores its test images with the engine's own graphs, detection with the packaged model: the same
 * computation in another graph, so the float sums may differ in the last bits (the engine's parity bound).
 */
const trainingParityTolerance = 1e-5;
/** How long a poll may wait for React to commit and paint on a loaded 2-core machine. */
const poll = { timeout: 20_000, interval: 50 };
const renamed = { name: 'gap in the part', color: '#00ff00' };

let project: Project;
let model: ModelVersion;
let component: string;
/** The test image every path judges: the anomalous one with the most predicted label pixels. */
let entryId: string;
let image: Blob;

async function masksOf(blob: Blob | undefined): Promise<LabelMask> {
  expect(blob).toBeDefined();
  return decodeLabelMask(new Uint8Array(await blob!.arrayBuffer()));
}

const labelled = (mask: LabelMask) => mask.indices.filter((index) => index !== 0).length;

beforeAll(async () => {
  // The app's own database: the views read it without being told another name.
  const db = await openSpotcheckDb();
  project = await writeSyntheticProject(db, {
    name: `paths-${crypto.randomUUID().slice(0, 8)}`,
    seed: 3,
    side,
    normalCount: 20,
    perDefectCount: 20,
    defectTypes: ['missing-component'],
  });
  const version = await createModelVersion(db, project.id, { description: '', tags: [], idempotencyKey: 'prediction-paths' });
  model = await runTraining(db, version.id, { backend: 'wasm', seed: 5, segmentation: { maxEpochs: 2, batchSize: 8192 } });
  component = `${project.name}:${model.version}`;
  const entries = new Map((await db.getAllFromIndex('entries', 'by-project', project.id)).map((entry) => [entry.id, entry]));
  let most = -1;
  for (const id of model.split!.testIds) {
    const entry = entries.get(id)!;
    if (entry.classification !== 'anomaly') continue;
    const pixels = labelled(await masksOf((await readTestImageMasks(db, model.id, id, null)).predicted));
    if (pixels > most) [most, entryId] = [pixels, id];
  }
  // The comparison means something only if the model marked pixels on it.
  expect(most).toBeGreaterThan(0);
  image = (await db.get('images', entries.get(entryId)!.imageId))!.blob;
  expect((await startModelAndWait(component)).status).toBe('RUNNING');
}, trainingTimeoutMs);

afterAll(async () => {
  // A hosted model keeps its project from being deleted.
  await detectionWorker.run((api) => api.stopModel(component));
  trainingWorker.terminate();
  detectionWorker.terminate();
  const db = await openSpotcheckDb();
  await deleteProject(db, project.id, project.name);
});

describe('one prediction, every path', () => {
  let trialResultId: string;

  it(
    'gives pixel-equal label masks and equal scores on detect-on-files, a trial job, the camera and the test results',
    { timeout: trainingTimeoutMs },
    async () => {
      const db = await openSpotcheckDb();
      const fromFile = await detectionWorker.run((api) => api.detectAnomalies(component, image));
      const bitmap = await createImageBitmap(image);
      const fromCamera = await detectionWorker.run((api) => api.detectAnomalies(component, transfer(bitmap, [bitmap])));

      const job = await createTrialJob(db, {
        projectId: project.id,
        name: 'paths',
        modelVersionId: model.id,
        images: [{ fileName: 'part.png', contentHash: 'part', image, width: side, height: side }],
      });
      expect(await runTrialJob(db, job.id)).toMatchObject({ status: 'COMPLETED' });
      const [trial] = await listTrialResults(db, job.id);
      trialResultId = trial!.id;
      const trialMask = await masksOf((await db.get('masks', trial!.maskId!))?.blob);

      const { evaluation } = await loadModelEvaluation(db, project.id, model.version);
      const tested = evaluation.perImage.find((result) => result.entryId === entryId)!;
      const testMask = await masksOf((await readTestImageMasks(db, model.id, entryId, null)).predicted);

      const masks = { file: fromFile.prediction.labelMask!, camera: fromCamera.prediction.labelMask!, trial: trialMask, tested: testMask };
      for (const [path, mask] of Object.entries(masks)) {
        expect([mask.width, mask.height], path).toEqual([side, side]);
        expect(Array.from(mask.indices), path).toEqual(Array.from(testMask.indices));
      }
      const score = fromFile.prediction.score;
      expect(fromCamera.prediction.score).toBe(score);
      expect(trial!.prediction!.score).toBe(score);
      expect(Math.abs(tested.prediction.score - score)).toBeLessThanOrEqual(trainingParityTolerance);
      for (const prediction of [fromFile.prediction, fromCamera.prediction, trial!.prediction!, tested.prediction]) {
        expect(prediction.labelAreas).toEqual(fromFile.prediction.labelAreas);
      }
    },
  );

  it('draws old predictions with a label renamed and recoloured after training as it is now', { timeout: trainingTimeoutMs }, async () => {
    const db = await openSpotcheckDb();
    const label = (await listAnomalyLabels(db, project.id)).find((each) => each.name === 'missing-component')!;
    const oldName = label.name;
    await renameAnomalyLabel(db, label.id, renamed.name);
    await recolorAnomalyLabel(db, label.id, renamed.color);
    const labels: AnomalyLabel[] = await listAnomalyLabels(db, project.id);
    expect(labels.find((each) => each.id === label.id)).toMatchObject(renamed);

    const trial = (await db.get('trialResults', trialResultId))!;
    const trialCard = rendered(
      createElement(TrialResultCard, {
        result: trial,
        labels,
        selected: false,
        showMask: true,
        fixMaskPath: null,
        onSelect: () => undefined,
        onVerify: () => undefined,
      }),
    );
    await expect.poll(() => paintedColours(trialCard.querySelector('canvas[data-testid="mask-overlay"]')), poll).toEqual([renamed.color]);
    const areaNames = [...trialCard.querySelectorAll('[data-testid="label-area"]')].map((item) => item.textContent);
    expect(areaNames).toHaveLength(1);
    expect(areaNames[0]).toContain(renamed.name);
    expect(areaNames[0]).not.toContain(oldName);
    const dot = trialCard.querySelector<HTMLElement>('[data-testid="label-area"] .label-dot')!;
    expect(dot.style.background).toBe('rgb(0, 255, 0)');

    const { evaluation, entries } = await loadModelEvaluation(db, project.id, model.version);
    const tested = evaluation.perImage.find((result) => result.entryId === entryId)!;
    const testCard = rendered(
      createElement(
        'ul',
        null,
        createElement(TestResultCard, {
          modelVersionId: model.id,
          prediction: tested,
          entry: entries.get(entryId),
          labels,
          segmentation: true,
          showMasks: true,
          scoreDecimals: 3,
        }),
      ),
    );
    await expect.poll(() => paintedColours(testCard.querySelector('[data-testid="predicted-mask"] canvas')), poll).toEqual([renamed.color]);
  });
});

const roots: Root[] = [];
afterAll(() => roots.splice(0).forEach((root) => root.unmount()));

function rendered(element: ReactElement): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  roots.push(root);
  root.render(createElement(I18nextProvider, { i18n }, element));
  return container;
}

/** The distinct `#rrggbb` colours of a canvas's painted (non-transparent) pixels; empty until it is drawn. */
function paintedColours(canvas: HTMLCanvasElement | null): string[] {
  if (!canvas || canvas.width === 0) return [];
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  const colours = new Set<string>();
  for (let at = 0; at < data.length; at += 4) {
    if (data[at + 3] === 0) continue;
    colours.add(`#${[data[at]!, data[at + 1]!, data[at + 2]!].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`);
  }
  return [...colours];
}
