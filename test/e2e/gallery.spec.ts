// The dataset gallery and the anomaly label manager on the demo project, at tablet size with
// touch: filter counts, selection (click, shift-range, keys), classify, remove, the large view,
// and label add/rename/delete with delete refused for a used label.
import { expect, test, type Page } from '@playwright/test';

test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true });

async function openDemoProject(page: Page) {
  await page.goto('/projects');
  await page.getByRole('button', { name: 'Create demo project' }).click();
  await expect(page.getByRole('heading', { name: 'demo-flange' })).toBeVisible({ timeout: 60_000 });
  const gallery = page.getByTestId('gallery');
  await expect(gallery.locator('[data-filter="all"] .chip-count')).toHaveText('100');
  return gallery;
}

const stat = (page: Page, name: string) => page.getByTestId('dataset-stats').locator(`tr[data-dataset-type="train"] [data-stat="${name}"]`);

test('filter, select, classify and remove update the counts everywhere', async ({ page }, testInfo) => {
  const gallery = await openDemoProject(page);
  await expect(gallery.getByRole('heading', { name: 'Images (100)' })).toBeVisible();
  await gallery.locator('[data-filter="normal"]').click();
  await expect(gallery.locator('[data-filter="normal"] .chip-count')).toHaveText('40');
  await expect(gallery.locator('[data-filter="label:scratch"] .chip-count')).not.toHaveText('0');
  const checkboxes = gallery.getByRole('checkbox');
  await expect(gallery.locator('.gallery-tile').first()).toContainText('normal/');
  await gallery.locator('.gallery-tile').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('gallery-1024x768.png') });

  for (const index of [0, 1, 2]) await checkboxes.nth(index).click();
  await expect(gallery.getByText('3 selected')).toBeVisible();
  await gallery.getByRole('button', { name: 'Classify as anomaly' }).click();
  await expect(gallery.locator('[data-filter="normal"] .chip-count')).toHaveText('37');
  await expect(gallery.locator('[data-filter="anomaly"] .chip-count')).toHaveText('63');
  await expect(stat(page, 'Normal')).toHaveText('37');
  await expect(stat(page, 'Anomaly')).toHaveText('63');
  await expect(gallery.locator('.gallery-tile')).not.toHaveCount(0);

  await checkboxes.nth(0).click();
  await checkboxes.nth(1).click();
  await gallery.getByRole('button', { name: 'Remove from dataset' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading')).toHaveText('Remove 2 images from this dataset?');
  await dialog.getByRole('button', { name: 'Remove 2 images' }).click();
  await expect(stat(page, 'Total')).toHaveText('98');
  await expect(stat(page, 'Normal')).toHaveText('35');
  await expect(gallery.locator('[data-filter="all"] .chip-count')).toHaveText('98');
  await expect(gallery.getByRole('heading', { name: 'Images (98)' })).toBeVisible();
});

test('shift-click selects a range; keys select all, clear and ask before classifying masked images as normal', async ({ page }) => {
  const gallery = await openDemoProject(page);
  const checkboxes = gallery.getByRole('checkbox');
  await checkboxes.nth(1).click();
  await checkboxes.nth(4).click({ modifiers: ['Shift'] });
  await expect(gallery.getByText('4 selected')).toBeVisible();
  for (const index of [1, 2, 3, 4]) await expect(checkboxes.nth(index)).toBeChecked();
  await expect(checkboxes.nth(0)).not.toBeChecked();
  await expect(checkboxes.nth(5)).not.toBeChecked();

  await page.keyboard.press('Escape');
  await expect(gallery.getByText('0 selected')).toBeVisible();
  await checkboxes.nth(0).click();
  await page.keyboard.press('a');
  await expect(gallery.getByText('100 selected')).toBeVisible();
  // Only a few rows of the 100 images are in the DOM at a time.
  expect(await gallery.locator('.gallery-tile').count()).toBeLessThan(100);

  // Sorted by name, the first images are masked anomalies: classifying them normal asks first.
  await page.keyboard.press('Escape');
  await checkboxes.nth(0).click();
  await page.keyboard.press('n');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('has a mask');
  await dialog.getByRole('button', { name: 'Clear masks and classify as normal' }).click();
  await expect(stat(page, 'Normal')).toHaveText('41');
  await expect(gallery.locator('[data-filter="missingMask"] .chip-count')).toHaveText('0');
});

test('tapping an image opens it large with previous and next', async ({ page }) => {
  const gallery = await openDemoProject(page);
  const firstName = (await gallery.locator('.gallery-tile').first().getAttribute('data-entry-name')) ?? '';
  await gallery.locator('.gallery-tile-body').first().click();
  const viewer = page.getByRole('dialog');
  await expect(viewer.getByRole('heading')).toHaveText(firstName);
  await expect(viewer.getByRole('img')).toBeVisible();
  await expect(viewer).toContainText('Anomaly');
  await expect(gallery.getByText('0 selected')).toBeVisible();
  await viewer.getByRole('button', { name: 'Next' }).click();
  await expect(viewer.getByRole('heading')).not.toHaveText(firstName);
  await viewer.getByRole('button', { name: 'Previous' }).click();
  await expect(viewer.getByRole('heading')).toHaveText(firstName);
  await viewer.getByRole('button', { name: 'Close' }).click();
  await expect(viewer).toBeHidden();
});

test('anomaly labels are added, renamed and deleted after confirmation; a used label cannot be deleted', async ({ page }) => {
  await openDemoProject(page);
  const manager = page.getByTestId('label-manager');
  const dialog = page.getByRole('dialog');
  await expect(manager.getByRole('button', { name: 'Delete scratch' })).toBeDisabled();
  await expect(manager.locator('[data-label-name="scratch"] [title]')).toHaveAttribute('title', /^Used by \d+ images\.$/);

  await manager.getByRole('button', { name: 'Add anomaly label' }).click();
  await dialog.getByLabel('Name').fill('burr');
  await dialog.getByRole('button', { name: 'Add label' }).click();
  await expect(manager.locator('[data-label-name="burr"]')).toContainText('Used by 0 images');
  await expect(page.getByTestId('gallery').locator('[data-filter="label:burr"] .chip-count')).toHaveText('0');

  await manager.getByRole('button', { name: 'Add anomaly label' }).click();
  await dialog.getByLabel('Name').fill('BURR');
  await dialog.getByRole('button', { name: 'Add label' }).click();
  await expect(dialog.getByRole('alert')).toContainText('already an anomaly label named');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await manager.getByRole('button', { name: 'Rename burr' }).click();
  await dialog.getByLabel('New name').fill('burr-2');
  await dialog.getByRole('button', { name: 'Rename label' }).click();
  await expect(manager.locator('[data-label-name="burr-2"]')).toBeVisible();
  await expect(manager.locator('[data-label-name="burr"]')).toHaveCount(0);

  await manager.getByRole('button', { name: 'Delete burr-2' }).click();
  await dialog.getByRole('button', { name: 'Delete label' }).click();
  await expect(manager.locator('[data-label-name="burr-2"]')).toHaveCount(0);
  await expect(manager.locator('.label-manager-row')).toHaveCount(3);
});
