// Stores announce their changes (issue 12): a write made through the UI of one tab shows in a view of
// another tab of the same browser at once, without that tab being reloaded or navigated.
import { expect, test, type Page } from '@playwright/test';

/** Marks the page's current document, so that a reload (which would re-read everything) is noticed. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { spotcheckTestMark: 'first load' }));
}

async function documentMark(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as Window & { spotcheckTestMark?: string }).spotcheckTestMark);
}

async function createProject(page: Page, name: string): Promise<string> {
  await page.goto('/projects');
  await page.getByLabel('New project name').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  return new URL(page.url()).pathname.split('/')[2]!;
}

test('a project created, then renamed, in one tab shows in the project list of another', async ({ context }) => {
  const reader = await context.newPage();
  await reader.goto('/projects');
  await expect(reader.locator('p.empty')).toHaveText(/^No projects yet\./);
  await markDocument(reader);
  const names = reader.getByTestId('project-list').locator('tbody tr td:first-child');

  const writer = await context.newPage();
  await createProject(writer, 'gearbox-housing');
  await expect(names).toHaveText(['gearbox-housing']);

  await writer.goto('/projects');
  await writer.getByRole('button', { name: 'Rename gearbox-housing' }).click();
  await writer.locator('input[name="newProjectName"]').fill('gearbox-left');
  await writer.getByRole('button', { name: 'Save' }).click();
  await expect(names).toHaveText(['gearbox-left']);

  expect(await documentMark(reader)).toBe('first load');
  expect(new URL(reader.url()).pathname).toBe('/projects');
});

test('a dataset, then an anomaly label, added in one tab show in the datasets page of another', async ({ context }) => {
  const writer = await context.newPage();
  const projectId = await createProject(writer, 'bracket');
  const reader = await context.newPage();
  await reader.goto(`/projects/${projectId}/datasets`);
  await expect(reader.locator('main p').first()).toHaveText('This project has no dataset yet.');
  await markDocument(reader);

  // The label manager shows once the project has a dataset.
  await writer.getByRole('button', { name: 'Create a dataset' }).click();
  const readerLabels = reader.getByTestId('label-manager');
  await expect(readerLabels.locator('p.empty')).toHaveText(/^No anomaly labels yet\./);

  await writer.getByTestId('label-manager').getByRole('button', { name: 'Add anomaly label' }).click();
  const dialog = writer.getByRole('dialog', { name: 'Add an anomaly label' });
  await dialog.getByLabel('Name').fill('scratch');
  await dialog.getByRole('button', { name: 'Add label' }).click();
  await expect(writer.getByTestId('label-manager').locator('.label-manager-name')).toHaveText(['scratch']);

  await expect(readerLabels.locator('.label-manager-name')).toHaveText(['scratch']);
  await expect(readerLabels.locator('p.empty')).toHaveCount(0);
  expect(await documentMark(reader)).toBe('first load');
});
