// The Train model dialog rendered in Chromium on a stored project: the threshold's operating point is a choice
// (balanced by default, with its explanation), and the one picked reaches the training run it starts.
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TrainingReadiness } from '../../src/domain/rules/readiness';
import type { Project } from '../../src/domain/types';
import { i18n } from '../../src/i18n';
import { TrainModelDialog } from '../../src/models/TrainModelDialog';
import { trainingJobs } from '../../src/models/trainingJobs';
import { openSpotcheckDb } from '../../src/storage/db';
import { deleteProject } from '../../src/storage/projects';
import { writeSyntheticProject } from '../fixtures/syntheticProject';

const readiness: TrainingReadiness = { configuration: 'single', modelType: 'classification', canTrain: true, offerTrainAsClassification: false, issues: [] };
/** How long a poll may wait for React to commit: generous for a loaded 2-core machine. */
const poll = { timeout: 20_000, interval: 50 };

let project: Project;
let root: Root;
let container: HTMLDivElement;

const radio = (value: string) => container.querySelector<HTMLInputElement>(`input[name="operatingPoint"][value="${value}"]`)!;
const labelOf = (input: HTMLInputElement) => input.closest('label')!.textContent!.trim();

beforeAll(async () => {
  project = await writeSyntheticProject(await openSpotcheckDb(), {
    name: `train-dialog-${crypto.randomUUID().slice(0, 8)}`,
    seed: 4,
    side: 64,
    // The minimums createModelVersion checks: 20 normal and 10 anomalous training images.
    normalCount: 20,
    perDefectCount: 10,
    defectTypes: ['scratch'],
  });
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  root.render(
    createElement(
      I18nextProvider,
      { i18n },
      createElement(TrainModelDialog, { projectId: project.id, readiness, trainAsClassification: true, onClose: () => undefined }),
    ),
  );
  await vi.waitFor(() => expect(container.querySelector('input[name="operatingPoint"]')).not.toBeNull(), poll);
});

afterAll(async () => {
  root.unmount();
  container.remove();
  await deleteProject(await openSpotcheckDb(), project.id, project.name);
});

describe('TrainModelDialog', () => {
  it('offers defects first (the default), balanced or never-miss, explains the choice and hands it to the training run', async () => {
    expect(labelOf(radio('defects-first'))).toBe('Defects first (a missed anomaly counts as four false alarms)');
    expect(labelOf(radio('balanced'))).toBe('Balanced (fewest errors overall)');
    expect(labelOf(radio('no-miss'))).toBe('Never miss an anomaly (more false alarms)');
    expect(radio('defects-first').checked).toBe(true);
    expect(container.querySelector('[data-testid="operating-point-explanation"]')!.textContent).toMatch(
      /^The threshold weighs a missed anomaly as four false alarms/,
    );

    radio('balanced').click();
    await expect
      .poll(() => container.querySelector('[data-testid="operating-point-explanation"]')?.textContent, poll)
      .toMatch(/^A missed anomaly and a false alarm count alike/);

    radio('no-miss').click();
    await expect
      .poll(() => container.querySelector('[data-testid="operating-point-explanation"]')?.textContent, poll)
      .toMatch(/^The threshold sits below every anomaly/);

    const start = vi.spyOn(trainingJobs, 'start');
    [...container.querySelectorAll('button')].find((button) => button.textContent === 'Start training')!.click();
    await expect.poll(() => start.mock.calls.length, poll).toBe(1);
    const [versionId, request] = start.mock.calls[0]!;
    expect(request).toMatchObject({ backend: 'auto', operatingPoint: 'no-miss' });
    // Stop the run it started; the version ends TRAINING_FAILED and the project goes with afterAll.
    trainingJobs.cancel(versionId);
    await start.mock.results[0]!.value;
    start.mockRestore();
  });
});
