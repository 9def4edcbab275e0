// Every page of the app on the demo project at 1280×800, 1024×768 and 800×1280 with touch (issue 15, layout
// and touch): nothing scrolls sideways, every control is a 44×44 px touch target, the portrait Models actions
// and gallery are on screen, "Start inspection" is visible without scrolling at 1280×800, and each page's
// screenshot is written to test-reports/screenshots/<page>-<width>x<height>.png.
import { expect, test, type Page } from '@playwright/test';
import { demoProject, waitForStage } from './helpers/annotation';
import { checkLayout, viewports } from './helpers/layout';

/** Opens a project page by its tab and waits for the element that says it has rendered. */
async function openTab(page: Page, tab: string) {
  await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: tab, exact: true }).click();
}

for (const viewport of viewports) {
  const size = `${viewport.width}x${viewport.height}`;
  test.describe(size, () => {
    test.use({ viewport, hasTouch: true });

    test(`every page fits ${size} with touch-sized controls`, async ({ page }) => {
      test.setTimeout(180_000);
      const { projectId, entryIds } = await demoProject(page);

      const gallery = page.getByTestId('gallery');
      const firstTile = gallery.locator('.gallery-tile').first();
      await expect(firstTile).toBeVisible();
      // Reachable: scrolling down brings a whole tile on screen (nothing clipped sideways).
      await firstTile.scrollIntoViewIfNeeded();
      await expect(firstTile).toBeInViewport({ ratio: 1 });
      await checkLayout(page, 'datasets');

      await openTab(page, 'Models');
      const train = page.getByRole('button', { name: 'Train model' });
      await expect(train).toBeInViewport({ ratio: 1 });
      await checkLayout(page, 'models');

      await page.goto(`/projects/${projectId}/models/compare`);
      await expect(page.getByText('Train at least two model versions to compare them.')).toBeVisible();
      await checkLayout(page, 'compare');

      await openTab(page, 'Trial detections');
      await expect(page.getByRole('heading', { name: 'Detect on files' })).toBeVisible();
      await checkLayout(page, 'trials');

      await openTab(page, 'Camera');
      const start = page.getByRole('button', { name: 'Start inspection' });
      await expect(page.getByTestId('camera-video')).toHaveJSProperty('readyState', 4);
      if (viewport.width === 1280) await expect(start).toBeInViewport();
      await checkLayout(page, 'camera');

      await page.goto(`/projects/${projectId}/label/${Object.values(entryIds)[0]}`);
      await waitForStage(page);
      // The brush size slider is on screen together with the stage (portrait: once the stage is scrolled to).
      await page.getByTestId('annotation-stage').scrollIntoViewIfNeeded();
      await expect(page.getByRole('slider', { name: /^Brush size/ })).toBeInViewport({ ratio: 1 });
      await checkLayout(page, 'annotate');

      await page.goto('/');
      await expect(page.getByTestId('dashboard')).toBeVisible();
      // A developer's figure, not an operator's: "Counted in 2 ms" is gone.
      await expect(page.getByTestId('dashboard')).not.toContainText('Counted in');
      await checkLayout(page, 'dashboard');

      await page.goto('/projects');
      await expect(page.getByRole('link', { name: 'demo-flange' })).toBeVisible();
      await checkLayout(page, 'projects');

      await page.goto('/settings');
      await expect(page.getByTestId('storage-estimate')).toBeVisible();
      await checkLayout(page, 'settings');
    });
  });
}
