// The real photo samples in ../shared/datasets (kept out of the repository by their licence) and
// how the e2e tests bring them into a fresh project through the import panel.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';

export const datasetsRoot = resolve(import.meta.dirname, '../../../../shared/datasets');
export const cookiesDir = join(datasetsRoot, 'cookies');
export const aliensDir = join(datasetsRoot, 'aliens');

/** Why a test needing `folders` is skipped, or null when they are all there. */
export function missingSamplesReason(...folders: string[]): string | null {
  const missing = folders.filter((folder) => !existsSync(folder));
  return missing.length === 0 ? null : `sample datasets not found: ${missing.join(', ')} (expected under ${datasetsRoot})`;
}

/** A new project with one (single) dataset, left on its Datasets page. */
export async function newProjectWithDataset(page: Page, name: string): Promise<void> {
  await page.goto('/projects');
  await page.getByLabel('New project name').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('button', { name: 'Create a dataset' }).click();
  await expect(page.getByTestId('dataset-stats')).toBeVisible();
}

/** A new project holding the cookie sample, imported by its Ground Truth manifest (47 images, 24 masked). */
export async function importCookieProject(page: Page, name: string): Promise<void> {
  await newProjectWithDataset(page, name);
  await page.getByTestId('import-folder-train').setInputFiles(cookiesDir);
  await expect(page.getByTestId('import-report')).toContainText('Imported 47 new images', { timeout: 60_000 });
}
