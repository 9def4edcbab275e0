// The Train model dialog rendered in Chromium on a stored project: the threshold's operating point is a choice
// (defects first by default, with its explanation), a seed may repeat an earlier run (a bad one is refused with
// how to fix it), and what was picked reaches the training run it starts.
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
import { typeInto } from './fixtures/typeInto';

const readiness: TrainingReadiness = { configuration: 'single', modelType: 'classification', canTrain: true, offerTrainAsClassification: false, issues: [] };
/** How long a poll may wait for React to commit: generous for a loaded 2-core machine. */
const poll = { timeout: 20_000, interval: 50 };

let project: Project;
let root: Root;
let container: HTMLDivElement;

const radio = (value: string) => container.querySelector<HTMLInputElement>(`input[name="operatingPoint"][value="${value}"]`)!;
const labelOf = (input: HTMLInputElement) => input.closest('label')!.textContent!.trim();
const startButton = () => [...container.querySelectorAll('button')].find((button) => button.textContent === 'Start training')!;
const seedHint = () => container.querySelector('[data-testid="train-seed-hint"]')?.textContent;

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

    // A seed that no run could have drawn is refused with how to fix it, and training cannot start.
    const seed = container.querySelector<HTMLInputElement>('input[name="seed"]')!;
    expect(labelOf(seed)).toBe('Seed (optional)');
    expect(seedHint()).toMatch(/To repeat a run, enter the seed shown on its model's detail page\.$/);
    typeInto(seed, '4294967296');
    await expect.poll(seedHint, poll).toBe('The seed is a whole number from 0 to 4294967295. Correct it, or leave it empty for a new random draw.');
    expect(startButton().disabled).toBe(true);
    expect(seed.getAttribute('aria-invalid')).toBe('true');
    typeInto(seed, '20261121');
    await expect.poll(() => startButton().disabled, poll).toBe(false);

    const start = vi.spyOn(trainingJobs, 'start');
    startButton().click();
    await expect.poll(() => start.mock.calls.length, poll).toBe(1);
    const [versionId, request] = start.mock.calls[0]!;
    expect(request).toMatchObject({ backend: 'auto', operatingPoint: 'no-miss', seed: 20261121 });
    // Stop the run it started; the version ends TRAINING_FAILED and the project goes with afterAll.
    trainingJobs.cancel(versionId);
    await start.mock.results[0]!.value;
    start.mockRestore();
  });
});
