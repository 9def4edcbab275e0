// The longest and the widest-glyph languages fit (issue 16): every page of the demo project in French and
// in Chinese, at 1280×800 and 800×1280 with touch, scrolls only downwards, and its screenshot is written to
// test-reports/screenshots/<page>-<language>-<width>x<height>.png. (The camera verdict with a running model
// is checked in camera.spec.ts, which trains one.)
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { storedIds, waitForStage } from './helpers/annotation';
import { expectNoSidewaysScroll, screenshotDir } from './helpers/layout';
import { text } from './helpers/catalogues';

const sizes = [
  { width: 1280, height: 800 },
  { width: 800, height: 1280 },
] as const;

/** Each page at each size: no sideways scroll, and its screenshot. */
async function checkAtBothSizes(page: Page, language: string, pageName: string) {
  for (const size of sizes) {
    await page.setViewportSize(size);
    await expectNoSidewaysScroll(page, `${pageName} (${language}, ${size.width}x${size.height})`);
    await page.screenshot({ path: resolve(screenshotDir, `${pageName}-${language}-${size.width}x${size.height}.png`), fullPage: true });
  }
}

for (const language of ['fr', 'zh-CN']) {
  test.describe(language, () => {
    test.use({ locale: language, hasTouch: true, viewport: sizes[0] });

    test(`every page fits in ${language} at 1280×800 and 800×1280`, async ({ page }) => {
      test.setTimeout(180_000);
      const say = (namespace: string, key: string) => text(language, namespace, key);
      await page.goto('/projects');
      await page.getByRole('button', { name: say('common', 'projects.demo.create') }).click();
      await expect(page.getByRole('heading', { name: 'demo-flange' })).toBeVisible({ timeout: 60_000 });
      const projectId = /projects\/([^/]+)/.exec(page.url())![1]!;
      await expect(page.getByTestId('gallery').locator('.gallery-tile').first()).toBeVisible();
      await checkAtBothSizes(page, language, 'datasets');

      const pages: [string, string, () => Promise<void>][] = [
        ['models', `/projects/${projectId}/models`, () => expect(page.getByRole('button', { name: say('models', 'train.action') })).toBeVisible()],
        ['compare', `/projects/${projectId}/models/compare`, () => expect(page.getByText(say('models', 'compare.needTwo'))).toBeVisible()],
        ['trials', `/projects/${projectId}/trials`, () => expect(page.getByRole('heading', { name: say('trials', 'files.title') })).toBeVisible()],
        ['camera', `/projects/${projectId}/camera`, () => expect(page.getByTestId('camera-video')).toHaveJSProperty('readyState', 4)],
        ['dashboard', '/', () => expect(page.getByTestId('dashboard')).toBeVisible()],
        ['projects', '/projects', () => expect(page.getByRole('link', { name: 'demo-flange' })).toBeVisible()],
        ['settings', '/settings', () => expect(page.getByTestId('storage-estimate')).toBeVisible()],
      ];
      for (const [pageName, path, rendered] of pages) {
        await page.setViewportSize(sizes[0]);
        await page.goto(path);
        await rendered();
        await checkAtBothSizes(page, language, pageName);
      }

      const firstEntry = Object.values((await storedIds(page)).entryIds)[0]!;
      await page.goto(`/projects/${projectId}/label/${firstEntry}`);
      await waitForStage(page);
      await checkAtBothSizes(page, language, 'annotate');
    });
  });
}
