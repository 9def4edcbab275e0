// After one online visit the service worker serves the whole app, its stored data and the ML
// runtime with the network cut.
import { expect, test } from '@playwright/test';

test('works offline after one online load', async ({ page, context }) => {
  await page.goto('/projects');
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 60_000 });
  await page.getByLabel('New project name').fill('offline-check');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { name: 'offline-check' })).toBeVisible();

  // Offline, every request the page makes can only be answered by the service worker.
  await context.setOffline(true);
  await page.goto('/projects');
  await expect(page.getByTestId('project-list').getByRole('link', { name: 'offline-check' })).toBeVisible();
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Check runtime' }).click();
  await expect(page.getByTestId('runtime-report')).toContainText('works on the', { timeout: 60_000 });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await context.setOffline(false);
});
