// Benchmark: import 100 synthetic 576x768 JPEGs (with thumbnails, hashes and the atomic commit)
// through the app's folder picker, and report the wall time. Measures; asserts nothing about speed.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import jpeg from 'jpeg-js';
import { generateSyntheticDataset } from '../../src/syntheticImages';

const imageCount = 100;
const jpegQuality = 90;
const size = { width: 576, height: 768 };

function writeJpegFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'spotcheck-import-bench-'));
  const perDefect = Math.floor(imageCount / 6);
  const options = { seed: 7, ...size, normalCount: imageCount - perDefect * 3, perDefectCount: perDefect };
  for (const item of generateSyntheticDataset(options)) {
    const path = join(root, item.fileName.replace(/\.png$/, '.jpg'));
    mkdirSync(join(path, '..'), { recursive: true });
    const encoded = jpeg.encode({ data: Buffer.from(item.sample.rgba.buffer), width: size.width, height: size.height }, jpegQuality);
    writeFileSync(path, encoded.data);
  }
  return root;
}

test(`import ${imageCount} synthetic ${size.width}x${size.height} JPEGs`, async ({ page }) => {
  const folder = writeJpegFolder();
  await page.goto('/projects');
  await page.getByLabel('New project name').fill(`import-bench-${Date.now()}`);
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('button', { name: 'Create a dataset' }).click();
  const started = Date.now();
  await page.getByTestId('import-folder-train').setInputFiles(folder);
  await expect(page.getByTestId('import-report')).toContainText(`Imported ${imageCount} new images`, { timeout: 300_000 });
  const wallMs = Date.now() - started;
  const result = { benchmark: 'import', images: imageCount, width: size.width, height: size.height, wallMs, msPerImage: wallMs / imageCount };
  console.log(JSON.stringify(result));
  writeFileSync(join(process.cwd(), 'test-reports', 'bench-import.json'), JSON.stringify(result, null, 2));
});
