// Dataset configurations (spec §1.1) and camera capture into a dataset, in the built app.
import { expect, test, type Page } from '@playwright/test';

async function newProject(page: Page, name: string) {
  await page.goto('/projects');
  await page.getByLabel('New project name').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
}

const rows = (page: Page) => page.getByTestId('dataset-stats').locator('tbody tr');

async function deleteDataset(page: Page, type: 'training' | 'test') {
  await page.getByRole('button', { name: `Delete ${type} dataset` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox').fill('delete');
  await dialog.getByRole('button', { name: 'Delete dataset' }).click();
  await expect(dialog).toBeHidden();
}

test('separate datasets become single and back, and deleting train disables training', async ({ page }) => {
  await newProject(page, 'conversions');
  await page.getByRole('button', { name: 'Create training and test datasets' }).click();
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByTestId('training-readiness')).toContainText('Test dataset');

  await deleteDataset(page, 'test');
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByTestId('training-readiness')).not.toContainText('Test dataset');

  await page.getByRole('button', { name: 'Add a test dataset' }).click();
  await expect(rows(page)).toHaveCount(2);

  await deleteDataset(page, 'training');
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByTestId('dataset-stats').locator('tr[data-dataset-type="test"]')).toBeVisible();
  await expect(page.getByTestId('training-readiness')).toContainText('training dataset');
});

test('photos taken with the camera are added to the dataset with their label', async ({ page }) => {
  await newProject(page, 'camera-capture');
  await page.getByRole('button', { name: 'Create a dataset' }).click();
  await page.getByRole('button', { name: 'Take photos' }).click();
  const capture = page.getByTestId('camera-capture');
  await capture.getByRole('button', { name: 'Capture as normal' }).click();
  const train = page.getByTestId('dataset-stats').locator('tr[data-dataset-type="train"]');
  await expect(train.locator('[data-stat="Normal"]')).toHaveText('1');
  await capture.getByRole('button', { name: 'Capture as anomaly' }).click();
  await expect(train.locator('[data-stat="Anomaly"]')).toHaveText('1');
  await expect(train.locator('[data-stat="Total"]')).toHaveText('2');
  await expect(page.getByText(/Project image size: \d+×\d+ px/)).toBeVisible();
  await capture.getByRole('button', { name: 'Close camera' }).click();
  await expect(capture).toBeHidden();
});
