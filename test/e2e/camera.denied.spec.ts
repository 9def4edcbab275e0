// Camera permission denied (Chromium's fake permission UI set to deny, for this spec's browser only):
// the camera tab says why and how to allow it, and offers to try again; nothing freezes.
import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';

const base = chromiumLaunchOptions();
test.use({
  launchOptions: {
    ...base,
    args: [...base.args.filter((arg: string) => !arg.startsWith('--use-fake-ui-for-media-stream')), '--use-fake-ui-for-media-stream=deny'],
  },
});

test('denied camera permission shows the message and a way to try again', async ({ page }) => {
  await page.goto('/projects');
  await page.getByLabel('New project name').fill('station-7');
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('link', { name: 'Camera' }).click();
  const problem = page.getByTestId('camera-problem');
  await expect(problem).toContainText('Spotcheck may not use the camera. Allow camera access for this site in the browser settings, then try again.');
  await problem.getByRole('button', { name: 'Try the camera again' }).click();
  await expect(page.getByTestId('camera-problem')).toContainText('Spotcheck may not use the camera.');
  await expect(page.getByRole('button', { name: 'Start inspection' })).toBeDisabled();
});
