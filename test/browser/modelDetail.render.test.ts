// The model detail page rendered in Chromium on a stored segmentation version whose evaluation is built
// from chosen test scores and masks (the metrics computed by src/domain/metrics, not typed in): the
// summary matrix, per-label rows, both curves drawn, one card per test image with both masks painted,
// the score histogram's counts on either side of both thresholds, the slider re-deciding the counts by hand
// rule, and save / restore reaching IndexedDB.
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { imageMetrics, PixelMetricsAccumulator } from '../../src/domain/metrics';
import { decodeLabelMaskPng, encodeLabelMaskPng } from '../../src/domain/png';
import type { ModelVersion, Project } from '../../src/domain/types';
import { i18n } from '../../src/i18n';
import { ModelDetailPage } from '../../src/models/detail/ModelDetailPage';
import { formatPercent } from '../../src/i18n/format';
import { ModelVersionsTable } from '../../src/models/ModelVersionsTable';
import { restoreTrainedThreshold, setModelThreshold } from '../../src/storage/modelThreshold';
import { ProjectLayout } from '../../src/app/ProjectLayout';
import { openSpotcheckDb } from '../../src/storage/db';
import { listAnomalyLabels } from '../../src/storage/labels';
import { completeTraining, modelArtifactNames, type NamedArtifact, predictedMaskArtifactName } from '../../src/storage/modelFiles';
import { deleteProject } from '../../src/storage/projects';
import { writeSyntheticProject } from '../fixtures/syntheticProject';
import { typeInto } from './fixtures/typeInto';

const side = 64;
const trainedThreshold = 0.5;
/** Test scores: normal images first, then anomalous ones, in entry order. */
const normalScores = [0.1, 0.2, 0.3, 0.6];
const anomalousScores = [0.4, 0.55, 0.7, 0.8, 0.9, 0.95];
/**
 * At 0.5: anomalous .55 .7 .8 .9 .95 → TP 5, .4 → FN 1; normal .6 → FP 1, .1 .2 .3 → TN 3.
 * At 0.1 (the slider's lowest value, the lowest score): every image anomalous → TP 6, FP 4.
 */
const trainedCounts = { truePositives: 5, falsePositives: 1, trueNegatives: 3, falseNegatives: 1 };

let project: Project;
let version: ModelVersion;
let root: Root;
let container: HTMLDivElement;

/** How long a poll may wait for React to commit and paint: generous for a loaded 2-core machine. */
const renderTimeoutMs = 20_000;
const poll = { timeout: renderTimeoutMs, interval: 50 };

const byTestId = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`);

function confusionCounts(testId: string) {
  const cell = (name: string) => Number(byTestId(testId)!.querySelector(`td[data-cell="${name}"] strong`)!.textContent);
  return {
    truePositives: cell('truePositives'),
    falsePositives: cell('falsePositives'),
    trueNegatives: cell('trueNegatives'),
    falseNegatives: cell('falseNegatives'),
  };
}

function buttonNamed(name: string): HTMLButtonElement {
  return [...container.querySelectorAll('button')].find((button) => button.textContent === name)!;
}

async function storedVersion(): Promise<ModelVersion> {
  return (await (await openSpotcheckDb()).get('modelVersions', version.id))!;
}

beforeAll(async () => {
  const db = await openSpotcheckDb();
  project = await writeSyntheticProject(db, {
    name: `detail-${crypto.randomUUID().slice(0, 8)}`,
    seed: 4,
    side,
    normalCount: 4,
    perDefectCount: 3,
    defectTypes: ['scratch', 'dent'],
  });
  const entries = await db.getAllFromIndex('entries', 'by-project', project.id);
  const labels = await listAnomalyLabels(db, project.id);
  const normal = entries.filter((entry) => entry.classification === 'normal');
  const anomalous = entries.filter((entry) => entry.classification === 'anomaly');
  const scored = [
    ...normal.map((entry, index) => ({ entry, score: normalScores[index]! })),
    ...anomalous.map((entry, index) => ({ entry, score: anomalousScores[index]! })),
  ];

  // Predictions: the true mask for every other anomalous image, nothing elsewhere.
  const pixels = new PixelMetricsAccumulator(labels.filter((label) => anomalous.some((entry) => entry.anomalyLabelIds.includes(label.id))));
  const maskArtifacts: NamedArtifact[] = [];
  for (const [index, { entry }] of scored.entries()) {
    const truth = entry.maskId
      ? decodeLabelMaskPng(new Uint8Array(await (await db.get('masks', entry.maskId))!.blob.arrayBuffer())).mask
      : new Uint8Array(side * side);
    const predicted = index % 2 === 0 ? truth : new Uint8Array(side * side);
    pixels.add(predicted, truth);
    maskArtifacts.push({
      name: predictedMaskArtifactName(entry.id),
      blob: new Blob([encodeLabelMaskPng(predicted, side, side) as Uint8Array<ArrayBuffer>], { type: 'image/png' }),
    });
  }
  const image = imageMetrics(
    scored.map(({ entry, score }) => ({ score, anomalous: entry.classification === 'anomaly' })),
    trainedThreshold,
  );
  const evaluation = {
    evaluation: {
      image,
      trainingImages: 0,
      testingImages: scored.length,
      confidence: { slope: 8 },
      calibration: { method: 'no-miss' },
      evaluatedAt: new Date().toISOString(),
      perLabel: pixels.results(),
    },
    perImage: scored.map(({ entry, score }) => ({
      id: entry.id,
      entryId: entry.id,
      actual: entry.classification,
      rawScore: score,
      score,
      isAnomalous: score >= trainedThreshold,
      confidence: 0.5,
    })),
  };
  const record: ModelVersion = {
    id: crypto.randomUUID(),
    projectId: project.id,
    version: 1,
    status: 'TRAINING',
    statusMessage: '',
    createdAt: new Date().toISOString(),
    description: '',
    tags: [],
    modelType: 'segmentation',
    idempotencyKey: crypto.randomUUID(),
  };
  await db.put('modelVersions', record);
  version = await completeTraining(
    db,
    record.id,
    {
      performance: {
        precision: image.precision,
        recall: image.recall,
        f1: image.f1,
        auroc: image.rocAuc,
        ap: image.averagePrecision,
        ...image.counts,
        trainingImages: 0,
        testingImages: scored.length,
      },
      anomalyThreshold: trainedThreshold,
      trainedAnomalyThreshold: trainedThreshold,
      split: { seed: 1, trainIds: [], testIds: scored.map(({ entry }) => entry.id) },
      backbone: 'mobilenet_v2_mid',
      trainingDurationMs: 1000,
    },
    [{ name: modelArtifactNames.evaluation, blob: new Blob([JSON.stringify(evaluation)], { type: 'application/json' }) }, ...maskArtifacts],
  );

  container = document.createElement('div');
  container.style.width = '1000px';
  document.body.append(container);
  const router = createMemoryRouter(
    [{ path: '/projects/:projectId', element: createElement(ProjectLayout), children: [{ path: 'models/:version', element: createElement(ModelDetailPage) }] }],
    { initialEntries: [`/projects/${project.id}/models/1`] },
  );
  root = createRoot(container);
  root.render(createElement(I18nextProvider, { i18n }, createElement(RouterProvider, { router })));
  await vi.waitFor(() => expect(byTestId('model-metrics')).not.toBeNull(), poll);
});

afterAll(async () => {
  root.unmount();
  container.remove();
  await deleteProject(await openSpotcheckDb(), project.id, project.name);
});

describe('ModelDetailPage', () => {
  it('shows the trained figures and matrix, the per-label rows and both curves', async () => {
    expect(confusionCounts('trained-confusion')).toEqual(trainedCounts);
    expect(byTestId('model-metrics')!.querySelector('[data-metric="precision"] dd')!.textContent).toMatch(/^83\.3\s?%$/);
    expect(byTestId('threshold-method')!.textContent).toBe('Never miss an anomaly (more false alarms)');
    // The histogram's text alternative: the trained counts (see trainedCounts) on either side of 0.5, the slider there too.
    expect(byTestId('score-histogram-summary')!.textContent).toBe(
      'At the trained threshold 0.500: normal images 3 below, 1 at or above; anomalous images 1 below, 5 at or above. ' +
        "At the slider's threshold 0.500: normal images 3 below, 1 at or above; anomalous images 1 below, 5 at or above.",
    );
    const labelRows = [...byTestId('per-label-table')!.querySelectorAll('tbody tr')].map((row) => row.getAttribute('data-label'));
    expect(labelRows.sort()).toEqual(['dent', 'scratch']);
    // uPlot sizes its canvases after creating them: wait for the drawn size itself.
    for (const id of ['pr-curve', 'roc-curve']) {
      await expect
        .poll(() => {
          const box = byTestId(id)?.querySelector('canvas')?.getBoundingClientRect();
          return box !== undefined && box.width > 0 && box.height > 0;
        }, poll)
        .toBe(true);
    }
  });

  it('lists every test image with its verdict and paints the predicted and true masks', async () => {
    expect(byTestId('test-results')!.querySelectorAll('li')).toHaveLength(10);
    expect(byTestId('results-counts')!.textContent).toBe('8 correct and 2 incorrect predictions at threshold 0.500.');
    // Each overlay canvas is in the DOM (300 px wide by default) before its effect paints the decoded mask
    // into it, and the masks decode one by one: wait until every overlay has been painted at the mask's size.
    const overlays = (testId: string) => [...container.querySelectorAll<HTMLCanvasElement>(`[data-testid="${testId}"] canvas`)];
    await expect.poll(() => overlays('predicted-mask').map((canvas) => canvas.width), poll).toEqual(Array(10).fill(side));
    await expect.poll(() => overlays('ground-truth-mask').map((canvas) => canvas.width), poll).toEqual(Array(6).fill(side));
    const opaquePixels = (canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] === 255) count += 1;
      return count;
    };
    // The first anomalous card predicted with the true mask: both overlays carry labelled (opaque) pixels.
    expect(overlays('predicted-mask').filter((canvas) => opaquePixels(canvas) > 0).length).toBeGreaterThan(0);
  });

  it('re-decides the test images when the slider moves, and saves and restores the threshold', async () => {
    const slider = container.querySelector<HTMLInputElement>('input[type="range"]')!;
    expect(slider.min).toBe('0.1');
    typeInto(slider, '0.1');
    await expect.poll(() => confusionCounts('threshold-confusion'), poll).toEqual({ truePositives: 6, falsePositives: 4, trueNegatives: 0, falseNegatives: 0 });
    expect(byTestId('results-counts')!.textContent).toBe('6 correct and 4 incorrect predictions at threshold 0.100.');
    expect(byTestId('score-histogram-summary')!.textContent).toBe(
      'At the trained threshold 0.500: normal images 3 below, 1 at or above; anomalous images 1 below, 5 at or above. ' +
        "At the slider's threshold 0.100: normal images 0 below, 4 at or above; anomalous images 0 below, 6 at or above.",
    );
    expect(confusionCounts('trained-confusion')).toEqual(trainedCounts);

    buttonNamed("Save as this version's threshold").click();
    await expect.poll(() => byTestId('saved-threshold')!.textContent, poll).toBe('0.100');
    expect(await storedVersion()).toMatchObject({ anomalyThreshold: 0.1, trainedAnomalyThreshold: trainedThreshold });

    buttonNamed('Restore the trained threshold').click();
    await expect.poll(() => byTestId('saved-threshold')!.textContent, poll).toBe('0.500');
    expect(await storedVersion()).toMatchObject({ anomalyThreshold: trainedThreshold, trainedAnomalyThreshold: trainedThreshold });
    await expect.poll(() => confusionCounts('threshold-confusion'), poll).toEqual(trainedCounts);
  });
});

describe('ModelVersionsTable', () => {
  /** The list rendered on its own over the stored version, as the Models page shows it. */
  async function renderedF1(): Promise<string> {
    const listContainer = document.createElement('div');
    document.body.append(listContainer);
    const listRoot = createRoot(listContainer);
    const router = createMemoryRouter([{ path: '/', element: createElement(ModelVersionsTable, { project, versions: [await storedVersion()] }) }]);
    listRoot.render(createElement(I18nextProvider, { i18n }, createElement(RouterProvider, { router })));
    try {
      await expect
        .poll(() => listContainer.querySelector('[data-testid="model-f1"]')?.getAttribute('data-threshold'), poll)
        .toBe(String((await storedVersion()).anomalyThreshold));
      return listContainer.querySelector('[data-testid="model-f1"]')!.textContent!;
    } finally {
      listRoot.unmount();
      listContainer.remove();
    }
  }

  it('shows precision, recall and F1 at the threshold saved, not the trained one, and the trained ones again after a restore', async () => {
    const db = await openSpotcheckDb();
    // At 0.1 every test image is anomalous: TP 6, FP 4 → F1 = 12 / 16 = 75 %.
    await setModelThreshold(db, version.id, 0.1);
    expect(await renderedF1()).toBe(formatPercent(0.75));
    // Trained 0.5: TP 5, FP 1, FN 1 → F1 = 10 / 12.
    await restoreTrainedThreshold(db, version.id);
    expect(await renderedF1()).toBe(formatPercent(10 / 12));
  });
});
