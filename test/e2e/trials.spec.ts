// Detection on files and trial detections in the built app on the demo project: train Model 1 from the
// Models tab (wasm), start it from the Trials tab, judge one generated normal and one anomalous part
// (expected verdicts, mask over the anomaly, result JSON, 'file' detection events), say that a picture of
// another subject is far outside training, and refuse one of another size (no event); run a trial job on
// unseen parts, verify its results, fix one mask in the annotation tool, add them to the training dataset,
// and retrain → Model 2; delete the job.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { demoProject as demoSettings } from '../../src/domain/demoProject';
import { encodeRgbaPng } from '../../src/domain/png';
import { generateSyntheticDataset } from '../../src/syntheticImages';
import { demoProject, editor, mouseStroke, waitForStage } from './helpers/annotation';
import { modelTrainingTimeoutMs as trainingTimeoutMs, readStore, trainFromModelsPage } from './helpers/models';

/** A seed the demo project never used: these parts are unseen by the model. */
const unseenSeed = 777;

/** Writes generated demo-sized parts as PNG files; returns their paths and true classes. */
async function writeParts(normalCount: number, perDefectCount: number): Promise<{ path: string; classification: 'normal' | 'anomaly' }[]> {
  const dir = await mkdtemp(join(tmpdir(), 'spotcheck-trials-'));
  const items = generateSyntheticDataset({
    seed: unseenSeed,
    width: demoSettings.width,
    height: demoSettings.height,
    normalCount,
    perDefectCount,
    defectTypes: ['missing-component'],
  });
  const written = [];
  for (const item of items) {
    const path = join(dir, item.fileName.replace('/', '-'));
    await writeFile(path, encodeRgbaPng(item.sample.rgba, item.sample.width, item.sample.height));
    written.push({ path, classification: item.classification });
  }
  return written;
}

/** RGBA of a black-and-white checkerboard of 8-px squares. */
function checkerboard(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4).fill(255);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) if (((x >> 3) + (y >> 3)) % 2 === 0) rgba.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
  return rgba;
}

test('detects on files, runs a trial detection, verifies it, feeds it back and retrains', async ({ page }) => {
  test.setTimeout(2 * trainingTimeoutMs + 5 * 60_000);
  const { projectId } = await demoProject(page);
  await trainFromModelsPage(page, projectId, 1);

  // Detect on files: the model starts from the Trials tab.
  await page.getByRole('link', { name: 'Trial detections' }).click();
  const filesPanel = page.getByRole('region', { name: 'Detect on files' });
  await expect(filesPanel.getByTestId('model-status')).toHaveText('Stopped');
  await filesPanel.getByRole('button', { name: 'Start model' }).click();
  await expect(filesPanel.getByTestId('model-status')).toHaveText('Running', { timeout: 120_000 });

  const [normal, anomalous] = await writeParts(1, 1);
  // A picture of another size than the model's is refused with both sizes, never resized, never recorded.
  const otherSizePath = join(await mkdtemp(join(tmpdir(), 'spotcheck-trials-')), 'other-size.png');
  await writeFile(otherSizePath, encodeRgbaPng(new Uint8Array(160 * 120 * 4).fill(200), 160, 120));
  // A picture of the right size but of another subject (a black-and-white checkerboard, nothing like the parts).
  const offSubjectPath = join(await mkdtemp(join(tmpdir(), 'spotcheck-trials-')), 'off-subject.png');
  await writeFile(offSubjectPath, encodeRgbaPng(checkerboard(demoSettings.width, demoSettings.height), demoSettings.width, demoSettings.height));
  await filesPanel.getByTestId('detect-files').setInputFiles([normal!.path, anomalous!.path, otherSizePath, offSubjectPath]);
  const cards = filesPanel.getByTestId('file-detection');
  await expect(cards).toHaveCount(4);
  await expect(cards.filter({ hasText: 'other-size.png' }).getByRole('alert')).toHaveText(
    'Not judged: other-size.png is 160×120 but Model 1 takes 320×240 images (the project size). Resize or crop it to 320×240, or judge it in a trial detection, which can resize or crop it for you.',
  );
  const normalCard = cards.filter({ hasText: 'normal-normal-001.png' });
  const anomalyCard = cards.filter({ hasText: 'anomaly-missing-component-001.png' });
  await expect(normalCard.getByTestId('verdict')).toHaveText('Normal', { timeout: 60_000 });
  await expect(anomalyCard.getByTestId('verdict')).toHaveText('Anomaly', { timeout: 60_000 });
  // Far outside anything the model saw: said beside the verdict (issue 15 defect 5); the parts get no such note
  // (checked once the note is shown, i.e. once the model's test scores are loaded).
  await expect(cards.filter({ hasText: 'off-subject.png' }).getByTestId('outside-training')).toContainText('far outside anything the model was shown', {
    timeout: 60_000,
  });
  await expect(normalCard.getByTestId('outside-training')).toHaveCount(0);
  await expect(anomalyCard.getByTestId('outside-training')).toHaveCount(0);
  await expect(anomalyCard.getByTestId('confidence')).toHaveText(/^Confidence (5\d|[6-9]\d|100)\.\d %$/);
  await expect(anomalyCard.getByTestId('score')).toHaveText(/^Anomaly score \d\.\d{3} \(threshold \d\.\d{3}\)$/);
  await expect(anomalyCard.getByRole('list', { name: 'Anomalous area by label' })).toContainText('missing-component');
  await expect(anomalyCard.getByTestId('mask-overlay')).toBeVisible();
  const json = JSON.parse((await anomalyCard.getByTestId('detection-json').textContent()) ?? '{}') as { DetectAnomalyResult: Record<string, unknown> };
  expect(json.DetectAnomalyResult).toMatchObject({ Source: { Type: 'direct' }, IsAnomalous: true });
  expect(typeof json.DetectAnomalyResult.AnomalyMask).toBe('string');
  const downloadStarted = page.waitForEvent('download');
  await anomalyCard.getByRole('button', { name: 'Download JSON' }).click();
  expect((await downloadStarted).suggestedFilename()).toBe('anomaly-missing-component-001.png.DetectAnomalyResult.json');
  const events = await readStore<{ projectId: string; source: string; isAnomalous: boolean; invalid: string | null }>(page, 'detectionEvents');
  expect(
    events
      .filter((event) => event.projectId === projectId)
      .map(({ source, isAnomalous, invalid }) => ({ source, isAnomalous, invalid }))
      .sort((a, b) => Number(a.isAnomalous) - Number(b.isAnomalous)),
  ).toEqual([
    { source: 'file', isAnomalous: false, invalid: null },
    { source: 'file', isAnomalous: true, invalid: null },
    { source: 'file', isAnomalous: true, invalid: null },
  ]);

  // A trial detection of four unseen parts.
  const parts = await writeParts(2, 2);
  const createForm = page.getByRole('form', { name: 'New trial detection' });
  await createForm.getByLabel('Name').fill('line-1 check');
  await createForm.getByTestId('trial-files').setInputFiles(parts.map((part) => part.path));
  await expect(createForm.getByTestId('trial-chosen')).toHaveText('4 images chosen.');
  await createForm.getByRole('button', { name: 'Run trial detection' }).click();
  await expect(page.getByRole('heading', { name: 'line-1 check (Model 1)' })).toBeVisible();
  await expect(page.getByTestId('trial-status')).toHaveAttribute('data-status', 'COMPLETED', { timeout: 120_000 });
  const results = page.getByTestId('trial-result');
  await expect(results).toHaveCount(4);
  await expect(results.getByTestId('verdict')).toHaveCount(4);

  // Verify: the whole page as correct, then each wrong verdict (if any) as incorrect.
  await page.getByRole('button', { name: 'Select this page' }).click();
  await page.getByRole('button', { name: 'Verify as correct' }).click();
  await expect(results.and(page.locator('[data-verification="correct"]'))).toHaveCount(4);
  let incorrect = 0;
  for (const part of parts) {
    const name = part.path.split('/').at(-1)!;
    const card = results.filter({ hasText: name });
    const verdict = await card.getByTestId('verdict').getAttribute('data-verdict');
    if (verdict !== part.classification) {
      await card.getByRole('button', { name: 'Incorrect' }).click();
      await expect(card).toHaveAttribute('data-verification', 'incorrect');
      incorrect += 1;
    }
  }
  await page.getByTestId('filter-verification').selectOption('incorrect');
  await expect(results).toHaveCount(incorrect);
  await page.getByTestId('filter-verification').selectOption('all');

  // Fix an anomalous part's mask in the annotation tool: the correction replaces the predicted mask.
  const fixedName = parts
    .find((part) => part.classification === 'anomaly')!
    .path.split('/')
    .at(-1)!;
  await results.filter({ hasText: fixedName }).getByRole('link', { name: 'Anomalous area' }).click();
  await waitForStage(page);
  await page.getByRole('button', { name: 'missing-component' }).click();
  await mouseStroke(page, [20, 20], [80, 20]);
  await expect(editor(page)).toHaveAttribute('data-dirty', 'true');
  await page.getByRole('button', { name: 'Submit and close' }).click();
  await expect(page.getByRole('heading', { name: 'line-1 check (Model 1)' })).toBeVisible();
  await expect(results.filter({ hasText: fixedName }).getByText('Corrected: anomaly')).toBeVisible();

  // Add to the training dataset: every verified part, labelled with its true class.
  const entriesBefore = await readStore<{ projectId: string }>(page, 'entries');
  await page.getByRole('button', { name: 'Add verified images to dataset (4)' }).click();
  await page.getByRole('dialog', { name: 'Add verified images to the training dataset?' }).getByRole('button', { name: 'Add to dataset' }).click();
  await expect(page.getByText('Added 4 images to the training dataset (0 updated, 0 already there).')).toBeVisible();
  const entries = await readStore<{ projectId: string; sourceRef: string; classification: string; humanAnnotated: boolean }>(page, 'entries');
  expect(entries.length).toBe(entriesBefore.length + 4);
  const added = entries.filter((entry) => entry.sourceRef.startsWith('line-1 check/'));
  expect(
    added
      .map(({ sourceRef, classification, humanAnnotated }) => ({ sourceRef, classification, humanAnnotated }))
      .sort((a, b) => a.sourceRef.localeCompare(b.sourceRef)),
  ).toEqual(
    parts
      .map((part) => ({ sourceRef: `line-1 check/${part.path.split('/').at(-1)}`, classification: part.classification, humanAnnotated: true }))
      .sort((a, b) => a.sourceRef.localeCompare(b.sourceRef)),
  );
  await expect(results.getByText('Added to dataset')).toHaveCount(4);
  const fixedEntry = entries.find((entry) => entry.sourceRef === `line-1 check/${fixedName}`) as unknown as {
    maskId: string | null;
    anomalyLabelIds: string[];
  };
  expect(fixedEntry.maskId).not.toBeNull();
  // The tool opens on the predicted mask, so labels the model predicted may stay beside the painted one.
  const labels = await readStore<{ id: string; projectId: string; name: string }>(page, 'anomalyLabels');
  const missingComponent = labels.find((label) => label.projectId === projectId && label.name === 'missing-component')!;
  expect(fixedEntry.anomalyLabelIds).toContain(missingComponent.id);

  // The job is listed on the Trials tab; retraining gives Model 2.
  await page.getByRole('link', { name: 'All trial detections' }).click();
  await expect(page.getByTestId('trial-job')).toHaveAttribute('data-status', 'COMPLETED');
  await expect(page.getByTestId('trial-job')).toContainText('4 verified, 4 added');
  await trainFromModelsPage(page, projectId, 2);
  const versions = await readStore<{ projectId: string; version: number; status: string }>(page, 'modelVersions');
  expect(
    versions
      .filter((version) => version.projectId === projectId)
      .map(({ version, status }) => [version, status])
      .sort(),
  ).toEqual([
    [1, 'HOSTED'],
    [2, 'TRAINED'],
  ]);

  // A finished job can be deleted; its images go with it.
  await page.getByRole('link', { name: 'Trial detections' }).click();
  await page.getByTestId('trial-job').getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: 'Delete the trial detection “line-1 check”?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('No trial detection yet.')).toBeVisible();
  expect(await readStore(page, 'trialResults')).toEqual([]);
});
