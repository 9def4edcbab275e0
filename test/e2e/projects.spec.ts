// Projects in the built app: created data survives reloads, names are checked, the demo project
// is filled and counted, rename and typed-name delete work.
import { expect, test, type Page } from '@playwright/test';

async function createProject(page: Page, name: string) {
  await page.goto('/projects');
  await page.getByLabel('New project name').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
}

test('a created project is still there after a reload', async ({ page }) => {
  await createProject(page, 'gearbox-housing');
  await expect(page.getByRole('heading', { name: 'gearbox-housing' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Datasets' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'gearbox-housing' })).toBeVisible();
  await page.goto('/projects');
  await expect(page.getByTestId('project-list').getByRole('link', { name: 'gearbox-housing' })).toBeVisible();
});

test('invalid and duplicate names are explained and create nothing', async ({ page }) => {
  await createProject(page, 'valve_01');
  await page.goto('/projects');
  const nameField = page.getByLabel('New project name');
  await nameField.fill('<b>bold</b>');
  await expect(page.getByRole('alert').filter({ hasText: 'starting with a letter or digit' })).toBeVisible();
  await nameField.fill('valve_01');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'valve_01' })).toContainText('already');
  await expect(page.getByTestId('project-list').locator('tbody tr')).toHaveCount(1);
});

test('the demo project is generated with its images, labels and masks counted', async ({ page }) => {
  await page.goto('/projects');
  await page.getByRole('button', { name: 'Create demo project' }).click();
  await expect(page.getByRole('heading', { name: 'demo-flange' })).toBeVisible({ timeout: 60_000 });
  const train = page.getByTestId('dataset-stats').locator('tr[data-dataset-type="train"]');
  await expect(train.locator('[data-stat="Total"]')).toHaveText('100');
  await expect(train.locator('[data-stat="Normal"]')).toHaveText('40');
  await expect(train.locator('[data-stat="Anomaly"]')).toHaveText('60');
  await expect(page.getByTestId('label-manager').locator('.label-manager-name')).toHaveText(['scratch', 'dent', 'missing-component']);
  await expect(page.getByTestId('training-readiness')).toContainText('meet the minimums for a segmentation model');
  await page.goto('/');
  await expect(page.getByTestId('dashboard-image-count')).toHaveText('100');
});

test('rename, then delete only after typing the project name', async ({ page }) => {
  await createProject(page, 'bracket');
  await page.goto('/projects');
  await page.getByRole('button', { name: 'Rename bracket' }).click();
  await page.locator('input[name="newProjectName"]').fill('bracket-left');
  await page.getByRole('button', { name: 'Save' }).click();
  const list = page.getByTestId('project-list');
  await expect(list.getByRole('link', { name: 'bracket-left' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete bracket-left' }).click();
  const dialog = page.getByRole('dialog');
  const confirm = dialog.getByRole('button', { name: 'Delete project' });
  await dialog.getByRole('textbox').fill('bracket');
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('textbox').fill('bracket-left');
  await confirm.click();
  await expect(page.getByText('Project bracket-left was deleted.')).toBeVisible();
  await expect(page.getByText('No projects yet.', { exact: false })).toBeVisible();
});
