// Compare model versions rendered in Chromium on two stored segmentation versions whose evaluations are
// built from chosen test scores and masks (figures computed by src/domain/metrics, not typed in): the image
// figures side by side at each version's threshold, the per-label IoU rows, and each version's PR and ROC
// curves drawn.
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { ProjectLayout } from '../../src/app/ProjectLayout';
import { imageMetrics, PixelMetricsAccumulator } from '../../src/domain/metrics';
import { decodeLabelMaskPng } from '../../src/domain/png';
import type { ModelVersion, Project } from '../../src/domain/types';
import { i18n } from '../../src/i18n';
import { ModelComparePage } from '../../src/models/compare/ModelComparePage';
import { openSpotcheckDb } from '../../src/storage/db';
import { listAnomalyLabels } from '../../src/storage/labels';
import { completeTraining, modelArtifactNames } from '../../src/storage/modelFiles';
import { deleteProject } from '../../src/storage/projects';
import { writeSyntheticProject } from '../fixtures/syntheticProject';

const side = 64;
const threshold = 0.5;
const normalScores = [0.1, 0.2, 0.3, 0.6];
/** Version 1 at 0.5: TP 5, FP 1, FN 1 → precision 5/6. Version 2: every image right → precision 1. */
const anomalousScores = {
  1: [0.4, 0.55, 0.7, 0.8, 0.9, 0.95],
  2: [0.52, 0.55, 0.7, 0.8, 0.9, 0.95],
};
const normalScoresByVersion = { 1: normalScores, 2: [0.1, 0.2, 0.3, 0.45] };

let project: Project;
let root: Root;
let container: HTMLDivElement;
const poll = { timeout: 20_000, interval: 50 };

/**
 * Stores a trained version whose evaluation holds the given scores. Its predicted masks are the true ones,
 * except that with `missFirstOfEachLabel` the first image carrying each label gets an empty mask — so that
 * version's IoU is below 100 % for every label whatever order the entries come in (their ids are random).
 */
async function storeVersion(versionNumber: 1 | 2, missFirstOfEachLabel: boolean) {
  const db = await openSpotcheckDb();
  const entries = await db.getAllFromIndex('entries', 'by-project', project.id);
  const labels = await listAnomalyLabels(db, project.id);
  const normal = entries.filter((entry) => entry.classification === 'normal');
  const anomalous = entries.filter((entry) => entry.classification === 'anomaly');
  const scored = [
    ...normal.map((entry, index) => ({ entry, score: normalScoresByVersion[versionNumber][index]! })),
    ...anomalous.map((entry, index) => ({ entry, score: anomalousScores[versionNumber][index]! })),
  ];
  const pixels = new PixelMetricsAccumulator(labels.filter((label) => anomalous.some((entry) => entry.anomalyLabelIds.includes(label.id))));
  const missedLabels = new Set<string>();
  for (const { entry } of scored) {
    const truth = entry.maskId
      ? decodeLabelMaskPng(new Uint8Array(await (await db.get('masks', entry.maskId))!.blob.arrayBuffer())).mask
      : new Uint8Array(side * side);
    const miss = missFirstOfEachLabel && entry.anomalyLabelIds.some((labelId) => !missedLabels.has(labelId));
    if (miss) for (const labelId of entry.anomalyLabelIds) missedLabels.add(labelId);
    pixels.add(miss ? new Uint8Array(side * side) : truth, truth);
  }
  const image = imageMetrics(
    scored.map(({ entry, score }) => ({ score, anomalous: entry.classification === 'anomaly' })),
    threshold,
  );
  const evaluation = {
    evaluation: {
      image,
      trainingImages: 0,
      testingImages: scored.length,
      confidence: { slope: 8 },
      calibration: { method: 'f1-optimal' },
      evaluatedAt: new Date().toISOString(),
      perLabel: pixels.results(),
    },
    perImage: scored.map(({ entry, score }) => ({
      id: entry.id,
      entryId: entry.id,
      actual: entry.classification,
      rawScore: score,
      score,
      isAnomalous: score >= threshold,
      confidence: 0.5,
    })),
  };
  const record: ModelVersion = {
    id: crypto.randomUUID(),
    projectId: project.id,
    version: versionNumber,
    status: 'TRAINING',
    statusMessage: '',
    createdAt: new Date().toISOString(),
    description: '',
    tags: [],
    modelType: 'segmentation',
    idempotencyKey: crypto.randomUUID(),
  };
  await db.put('modelVersions', record);
  await completeTraining(
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
      anomalyThreshold: threshold,
      trainedAnomalyThreshold: threshold,
      split: { seed: 1, trainIds: [], testIds: scored.map(({ entry }) => entry.id) },
      backbone: 'mobilenet_v2_mid',
      trainingDurationMs: 1000,
    },
    [{ name: modelArtifactNames.evaluation, blob: new Blob([JSON.stringify(evaluation)], { type: 'application/json' }) }],
  );
}

beforeAll(async () => {
  project = await writeSyntheticProject(await openSpotcheckDb(), {
    name: `compare-${crypto.randomUUID().slice(0, 8)}`,
    seed: 4,
    side,
    normalCount: 4,
    perDefectCount: 3,
    defectTypes: ['scratch', 'dent'],
  });
  await storeVersion(1, true);
  await storeVersion(2, false);
  container = document.createElement('div');
  container.style.width = '1000px';
  document.body.append(container);
  const router = createMemoryRouter(
    [{ path: '/projects/:projectId', element: createElement(ProjectLayout), children: [{ path: 'models/compare', element: createElement(ModelComparePage) }] }],
    { initialEntries: [`/projects/${project.id}/models/compare`] },
  );
  root = createRoot(container);
  root.render(createElement(I18nextProvider, { i18n }, createElement(RouterProvider, { router })));
  await vi.waitFor(() => expect(container.querySelector('[data-testid="compare-metrics"]'), container.textContent ?? '').not.toBeNull(), poll);
});

afterAll(async () => {
  root.unmount();
  container.remove();
  await deleteProject(await openSpotcheckDb(), project.id, project.name);
});

const cells = (table: string, row: string) =>
  [...container.querySelectorAll(`[data-testid="${table}"] tr[${row}] td`)].map((cell) => cell.textContent!.replace(/\s/g, ' '));

it('shows both versions side by side: image figures, per-label IoU and both curves of each', async () => {
  // Polled: a store change from another test file's tab reloads the page's data (briefly "Loading…").
  const headings = () => [...container.querySelectorAll('[data-testid="compare-metrics"] thead th')].map((cell) => cell.textContent);
  await expect.poll(headings, poll).toEqual(['Figure', 'Model 1', 'Model 2']);
  await expect.poll(() => cells('compare-metrics', 'data-metric="precision"'), poll).toEqual(['83.3%', '100%']);
  await expect.poll(() => cells('compare-metrics', 'data-metric="recall"'), poll).toEqual(['83.3%', '100%']);
  await expect.poll(() => cells('compare-metrics', 'data-metric="threshold"'), poll).toEqual(['0.500', '0.500']);
  // Version 2 predicts every true mask: IoU 100 % for each label; version 1 misses some.
  for (const label of ['scratch', 'dent']) {
    await expect.poll(() => cells('compare-per-label', `data-label="${label}"`)[1], poll).toMatch(/^IoU 100\s?% · F1 100\s?%$/);
    const [first, second] = cells('compare-per-label', `data-label="${label}"`);
    expect(first).not.toBe(second);
  }
  for (const version of [1, 2]) {
    for (const curve of ['pr-curve', 'roc-curve']) {
      await expect
        .poll(() => {
          const box = container.querySelector(`[data-testid="compare-curves-${version}"] [data-testid="${curve}"] canvas`)?.getBoundingClientRect();
          return box !== undefined && box.width > 0 && box.height > 0;
        }, poll)
        .toBe(true);
    }
  }
});
