// The dashboard in the built app: overview counts, a project created from the dashboard and opened
// from its card, period choices that change the chart's range and intervals, a refused custom period,
// and the retention setting on the Settings page. (Counts after real detections: camera.spec.ts.)
import { expect, test } from '@playwright/test';

test('creates a project from the dashboard, counts it, and opens it from its card', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('dashboard-project-count')).toHaveText('0');
  await page.getByLabel('New project name').fill('bracket-line');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { name: 'bracket-line' })).toBeVisible();
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByTestId('dashboard-project-count')).toHaveText('1');
  await expect(page.getByTestId('dashboard-images-processed')).toHaveText('0');
  await expect(page.getByTestId('dashboard-anomaly-rate')).toHaveText('–');
  const card = page.getByTestId('project-activity').filter({ hasText: 'bracket-line' });
  await expect(card.getByTestId('project-anomalies')).toHaveText('0');
  await card.getByRole('link', { name: 'bracket-line' }).click();
  await expect(page).toHaveURL(/\/projects\/[^/]+\/datasets$/);
});

test('changing the period changes the chart; reversed custom dates are refused', async ({ page }) => {
  await page.goto('/');
  const chart = page.getByTestId('dashboard-chart');
  await expect(chart).toHaveAttribute('data-buckets', '24');
  await expect(chart.locator('canvas')).toHaveCount(1);
  const start24h = Number(await page.getByTestId('dashboard').getAttribute('data-range-start'));
  await page.getByRole('button', { name: 'Last 7 days' }).click();
  await expect(chart).toHaveAttribute('data-buckets', '28');
  const start7d = Number(await page.getByTestId('dashboard').getAttribute('data-range-start'));
  expect(start24h - start7d).toBeGreaterThan(5.9 * 24 * 3_600_000);
  await page.getByRole('button', { name: 'Last 30 days' }).click();
  await expect(chart).toHaveAttribute('data-buckets', '30');
  await page.getByRole('button', { name: 'Custom' }).click();
  await page.getByLabel('From').fill('2026-03-01');
  await page.getByLabel('To').fill('2026-03-03');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(chart).toHaveAttribute('data-buckets', '24');
  await page.getByLabel('From').fill('2026-03-09');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'custom period' })).toContainText(
    'The custom period starts on 2026-03-09, after it ends (2026-03-03)',
  );
  // The last good period stays on screen.
  await expect(chart).toHaveAttribute('data-buckets', '24');
});

test('the retention setting is saved on the Settings page', async ({ page }) => {
  await page.goto('/settings');
  const form = page.getByRole('form', { name: 'Detection history' });
  await form.getByLabel('Keep detection history for').check();
  await form.getByRole('spinbutton', { name: 'days' }).fill('30');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Detection history older than 30 days will be deleted.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('form', { name: 'Detection history' }).getByRole('spinbutton', { name: 'days' })).toHaveValue('30');
  await expect(page.getByRole('form', { name: 'Detection history' }).getByLabel('Keep detection history for')).toBeChecked();
});
