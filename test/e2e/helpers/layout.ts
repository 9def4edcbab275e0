// Layout checks shared by the layout specs: no sideways scrolling, touch targets of at least 44×44 CSS px,
// and a full-page screenshot per page and viewport in test-reports/screenshots/.
import { resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';

export const viewports = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
  { width: 800, height: 1280 },
] as const;

/** Sizes the issue asks screenshots of: the landscape tablet and portrait. */
const screenshotSizes = new Set(['1280x800', '800x1280']);
export const screenshotDir = resolve(import.meta.dirname, '../../../test-reports/screenshots');

const minTouchPx = 44;

export async function expectNoSidewaysScroll(page: Page, pageName: string) {
  // Charts follow a new viewport one resize notice later (uPlot sizes itself from a ResizeObserver), so
  // the page is given until then to settle inside it.
  await expect.soft
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), { message: `${pageName}: page wider than the viewport by (px)` })
    .toBeLessThanOrEqual(0);
}

/**
 * Every visible control smaller than 44×44 CSS px, described. A checkbox or radio counts with the label
 * wrapped around it (the label is what a finger hits); links inside running text are exempt (WCAG 2.5.8).
 */
export function undersizedControls(page: Page): Promise<string[]> {
  return page.evaluate((minPx) => {
    const controls = document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, summary, [role="button"], [role="tab"]');
    const problems: string[] = [];
    for (const control of controls) {
      if (control instanceof HTMLInputElement && (control.type === 'hidden' || control.type === 'file')) continue;
      if (control.closest('.visually-hidden, [hidden], dialog:not([open])')) continue;
      const style = getComputedStyle(control);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const target =
        control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio') ? (control.closest('label') ?? control) : control;
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (control.tagName === 'A' && control.closest('p, li') && getComputedStyle(control).display === 'inline') continue;
      if (box.width + 0.5 < minPx || box.height + 0.5 < minPx) {
        const name = (control.getAttribute('aria-label') ?? control.textContent ?? '').trim().slice(0, 40) || control.outerHTML.slice(0, 60);
        problems.push(
          `${control.tagName.toLowerCase()}${control instanceof HTMLInputElement ? `[${control.type}]` : ''} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
      }
    }
    return problems;
  }, minTouchPx);
}

export async function expectTouchTargets(page: Page, pageName: string) {
  expect.soft(await undersizedControls(page), `${pageName}: controls under 44×44 px`).toEqual([]);
}

/** A full-page screenshot named by page and size, for the sizes the issue asks for. */
export async function screenshot(page: Page, pageName: string) {
  const { width, height } = page.viewportSize()!;
  const size = `${width}x${height}`;
  if (screenshotSizes.has(size)) await page.screenshot({ path: resolve(screenshotDir, `${pageName}-${size}.png`), fullPage: true });
}

/** The three checks on the page as it stands. */
export async function checkLayout(page: Page, pageName: string) {
  await expectNoSidewaysScroll(page, pageName);
  await expectTouchTargets(page, pageName);
  await screenshot(page, pageName);
}
