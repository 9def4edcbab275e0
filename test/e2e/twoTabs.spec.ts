// Two Spotcheck tabs of one browser: opening a second tab while the first trains, or hosts a model, must
// not touch that work (the start-up recovery of the new tab leaves versions whose Web Lock another tab
// holds alone). Training in tab 1 ends TRAINED, and the model hosted there stays Running and stops cleanly.
import { expect, test } from '@playwright/test';
import { demoProject } from './helpers/annotation';
import { modelRow as row, modelTrainingTimeoutMs, storedVersion } from './helpers/models';

test('a second tab neither fails a running training nor resets a hosted model of the first', async ({ page, context }) => {
  test.setTimeout(modelTrainingTimeoutMs + 5 * 60_000);
  const { projectId } = await demoProject(page);
  await page.getByRole('link', { name: 'Models', exact: true }).click();
  await page.getByRole('button', { name: 'Train model' }).click();
  const dialog = page.getByRole('dialog', { name: 'Train a new model version' });
  await dialog.getByLabel('Train the segmentation head on').selectOption('wasm');
  await dialog.getByRole('button', { name: 'Start training' }).click();
  await expect(row(page, 1).getByTestId('model-status')).toContainText('Training');

  // Tab 2 opens on the same project while tab 1 trains, and sees the run as alive.
  const secondTab = await context.newPage();
  await secondTab.goto(`/projects/${projectId}/models`);
  await expect(row(secondTab, 1).getByTestId('model-status')).toHaveText('Training');
  expect(await storedVersion(secondTab, projectId, 1)).toMatchObject({ status: 'TRAINING', statusMessage: '' });

  // Tab 1's run ends (either way, so a failure shows at once), and it ended TRAINED.
  const firstStatus = row(page, 1).getByTestId('model-status');
  await expect(firstStatus).toHaveText(/^Training (complete|failed)/, { timeout: modelTrainingTimeoutMs });
  await expect(firstStatus).toHaveText('Training complete');
  expect(await storedVersion(page, projectId, 1)).toMatchObject({ status: 'TRAINED' });

  // Tab 1 hosts the model; a third tab opened meanwhile sees it Running and leaves it so.
  await row(page, 1).getByRole('button', { name: 'Start' }).click();
  await expect(firstStatus).toHaveText('Running', { timeout: 120_000 });
  const thirdTab = await context.newPage();
  await thirdTab.goto(`/projects/${projectId}/models`);
  await expect(row(thirdTab, 1).getByTestId('model-status')).toHaveText('Running');
  expect(await storedVersion(thirdTab, projectId, 1)).toMatchObject({ status: 'HOSTED' });

  // Tab 1 still owns the model: stopping it there works and leaves it Training complete.
  await row(page, 1).getByRole('button', { name: 'Stop' }).click();
  await expect(firstStatus).toHaveText('Training complete', { timeout: 60_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await storedVersion(page, projectId, 1)).toMatchObject({ status: 'TRAINED', statusMessage: '' });
});
