// The pages that need a trained model, on the demo project with touch (issue 15, layout and touch): the Models
// list and the model detail at the three sizes (no sideways scroll, 44 px targets — the Mistakes filter among them — and a test
// result enlarged), and the camera in kiosk mode at 1280×800 with a running model: "Start inspection" on
// screen without scrolling, then full screen with the live picture, the whole verdict and only Stop/Capture.
import { expect, test } from '@playwright/test';
import { demoProject } from './helpers/annotation';
import { checkLayout, viewports } from './helpers/layout';
import { modelRow, modelTrainingTimeoutMs, trainFromModelsPage } from './helpers/models';

test.use({ viewport: { width: 1280, height: 800 }, hasTouch: true });

test('model detail at every size, then the camera kiosk with the running model', async ({ page }) => {
  test.setTimeout(modelTrainingTimeoutMs + 5 * 60_000);
  const { projectId } = await demoProject(page);
  await trainFromModelsPage(page, projectId, 1);

  // The Models list with a version: its actions reachable at every size, Start among them.
  for (const viewport of viewports) {
    await page.setViewportSize(viewport);
    const startButton = modelRow(page, 1).getByRole('button', { name: 'Start' });
    await startButton.scrollIntoViewIfNeeded();
    await expect(startButton).toBeInViewport({ ratio: 1 });
    await checkLayout(page, 'models-trained');
  }

  await page.goto(`/projects/${projectId}/models/1`);
  await expect(page.getByTestId('results-counts')).toBeVisible();
  for (const viewport of viewports) {
    await page.setViewportSize(viewport);
    await expect(page.getByRole('radio', { name: /^Mistakes/ })).toBeVisible();
    await checkLayout(page, 'model-detail');
  }

  // A test result enlarged spans the row: its picture at least twice as wide.
  await page.setViewportSize({ width: 1280, height: 800 });
  const card = page.locator('.test-result').first();
  const picture = card.getByTestId('predicted-mask').locator('img');
  const smallWidth = (await picture.boundingBox())!.width;
  await card.getByRole('button', { name: 'Enlarge' }).click();
  await expect(card.getByRole('button', { name: 'Smaller' })).toHaveAttribute('aria-pressed', 'true');
  expect((await picture.boundingBox())!.width).toBeGreaterThan(2 * smallWidth);

  await page.getByRole('link', { name: 'Models', exact: true }).click();
  await modelRow(page, 1).getByRole('button', { name: 'Start' }).click();
  await expect(modelRow(page, 1).getByTestId('model-status')).toHaveText('Running', { timeout: 120_000 });

  await page.getByRole('link', { name: 'Camera', exact: true }).click();
  const start = page.getByRole('button', { name: 'Start inspection' });
  await expect(start).toBeEnabled({ timeout: 30_000 });
  await expect(start).toBeInViewport({ ratio: 1 });
  await start.click();
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-verdict', /^(NORMAL|ANOMALY)$/, { timeout: 60_000 });

  await page.getByRole('button', { name: 'Full screen' }).click();
  const station = page.getByTestId('camera-station');
  await expect(station).toHaveClass(/camera-kiosk/);
  const visibleButtons = await station
    .getByRole('button')
    .evaluateAll((buttons) => buttons.filter((button) => (button as HTMLElement).offsetParent !== null).map((button) => button.textContent));
  expect(visibleButtons.sort()).toEqual(['Capture as anomaly', 'Capture as normal', 'Capture into a trial job', 'Leave full screen', 'Stop inspection'].sort());
  await expect(page.getByTestId('camera-video')).toBeInViewport({ ratio: 1 });
  const text = verdict.locator('.verdict-text');
  await expect(text).toBeInViewport({ ratio: 1 });
  expect(await text.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  await page.screenshot({ path: 'test-reports/screenshots/camera-kiosk-1280x800.png' });
});
