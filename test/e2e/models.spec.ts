// The Models page in the built app on the demo project: train from the UI on the wasm backend with a
// double-clicked submit (one run only), progress that survives navigation, Training complete with F1;
// start → Running (and Running again after a reload, on every page), delete refused while running, tags,
// export readable by onnxruntime, stop, import of a package of another size refused and of the real one
// accepted, delete; cancelling a run.
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import * as ort from 'onnxruntime-node';
import { demoProject } from './helpers/annotation';
import { exportModelPackage, modelRow as row, modelTrainingTimeoutMs as trainingTimeoutMs, storedVersions } from './helpers/models';

async function trainDemoModel(page: Page, options: { description?: string; tag?: [string, string] } = {}) {
  await page.getByRole('button', { name: 'Train model' }).click();
  const dialog = page.getByRole('dialog', { name: 'Train a new model version' });
  await expect(dialog.getByTestId('training-readiness')).toContainText('The datasets meet the minimums for a segmentation model.');
  if (options.description) await dialog.getByLabel('Description (optional)').fill(options.description);
  if (options.tag) {
    await dialog.getByRole('button', { name: 'Add tag' }).click();
    await dialog.getByLabel('Key of tag 1').fill(options.tag[0]);
    await dialog.getByLabel('Value of tag 1').fill(options.tag[1]);
  }
  await dialog.getByLabel('Train the segmentation head on').selectOption('wasm');
  // A double click on the submit button: the dialog's idempotency key makes it one run.
  await dialog.getByRole('button', { name: 'Start training' }).dblclick();
  await expect(dialog).toBeHidden();
}

test('an empty project explains what is missing and cannot train', async ({ page }) => {
  await page.goto('/projects');
  await page.getByLabel('New project name').fill('empty-part');
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('link', { name: 'Models' }).click();
  await expect(page.getByRole('button', { name: 'Train model' })).toBeDisabled();
  await expect(page.getByTestId('training-readiness')).toContainText('This project has no training dataset. Create one to train a model.');
  await expect(page.getByText('No model versions yet.')).toBeVisible();
});

test('trains the demo project from the UI, then runs, tags, exports, imports and deletes model versions', async ({ page }) => {
  test.setTimeout(trainingTimeoutMs + 5 * 60_000);
  const { projectId } = await demoProject(page);
  await page.getByRole('link', { name: 'Models' }).click();
  await trainDemoModel(page, { description: 'first run', tag: ['line', 'A'] });

  const progress = page.getByTestId('training-progress');
  await expect(progress).toBeVisible();
  await expect(row(page, 1).getByTestId('model-status')).toContainText('Training');
  await expect(page.getByRole('button', { name: 'Train model' })).toBeDisabled();
  // Leaving the page and coming back shows the same run.
  await page.getByRole('link', { name: 'Datasets' }).click();
  await expect(page.getByTestId('dataset-stats')).toBeVisible();
  await page.getByRole('link', { name: 'Models' }).click();
  await expect(progress).toHaveAttribute('data-version', '1');
  // The segmentation head's loss curve, one point per epoch.
  await expect(progress.getByRole('img', { name: 'Training loss of the segmentation head per epoch' })).toHaveAttribute('data-points', /^[1-9]\d*$/, {
    timeout: trainingTimeoutMs,
  });
  await expect(progress.getByTestId('training-stage')).toContainText('Training the segmentation head');

  await expect(row(page, 1).getByTestId('model-status')).toHaveText('Training complete', { timeout: trainingTimeoutMs });
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('model-versions').locator('tbody tr')).toHaveCount(1);
  const [trained] = await storedVersions(page, projectId);
  expect(trained).toMatchObject({ version: 1, status: 'TRAINED', tags: [{ Key: 'line', Value: 'A' }] });
  console.info(`demo project (100 images, 320x240) trained from the UI on wasm in ${Math.round(trained!.trainingDurationMs! / 1000)} s`);
  await expect(row(page, 1).getByTestId('model-f1')).toHaveText(/^\d{1,3}(\.\d)?%$/);
  await expect(row(page, 1)).toContainText('first run');
  await expect(row(page, 1)).toContainText('Segmentation');
  await expect(row(page, 1).getByRole('link', { name: 'Model 1' })).toHaveAttribute('href', `/projects/${projectId}/models/1`);

  // Tags: a refused edit stays in the dialog with the reason; then edit, add and remove.
  await row(page, 1).getByRole('button', { name: 'Tags' }).click();
  const tagsDialog = page.getByRole('dialog', { name: 'Tags of Model 1' });
  await tagsDialog.getByRole('button', { name: 'Add tag' }).click();
  await tagsDialog.getByLabel('Key of tag 2').fill('line');
  await tagsDialog.getByRole('button', { name: 'Save tags' }).click();
  await expect(tagsDialog.getByRole('alert')).toHaveText('Tag 2 repeats the key line. Each key can appear once: change or remove one of them.');
  await tagsDialog.getByLabel('Key of tag 2').fill('shift');
  await tagsDialog.getByLabel('Value of tag 2').fill('night');
  await tagsDialog.getByLabel('Value of tag 1').fill('B');
  await tagsDialog.getByRole('button', { name: 'Save tags' }).click();
  await expect(tagsDialog).toBeHidden();
  await expect(row(page, 1).getByTestId('model-tags').locator('li')).toHaveText(['line: B', 'shift: night']);
  await row(page, 1).getByRole('button', { name: 'Tags' }).click();
  await tagsDialog.getByRole('button', { name: 'Remove tag 1' }).click();
  await tagsDialog.getByRole('button', { name: 'Save tags' }).click();
  await expect(row(page, 1).getByTestId('model-tags').locator('li')).toHaveText(['shift: night']);

  // Start → Running; deleting is refused while it runs.
  await row(page, 1).getByRole('button', { name: 'Start' }).click();
  await expect(row(page, 1).getByTestId('model-status')).toHaveText('Running', { timeout: 120_000 });
  await row(page, 1).getByRole('button', { name: 'Delete' }).click();
  const deleteDialog = page.getByRole('dialog', { name: 'Delete Model 1?' });
  await deleteDialog.getByLabel('Type delete to confirm').fill('delete');
  await deleteDialog.getByRole('button', { name: 'Delete model' }).click();
  await expect(deleteDialog.getByRole('alert')).toHaveText('Model 1 is running. Stop it first, then delete it.');
  await deleteDialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await storedVersions(page, projectId)).toHaveLength(1);

  // A reload (tablet browsers reload tabs often) does not stop it: it is started again, and every page says so.
  await page.reload();
  await expect(row(page, 1).getByTestId('model-status')).toHaveText('Running', { timeout: 120_000 });
  // The fresh worker reports Running before its write of the stored status lands: wait for the stored status itself.
  await expect.poll(() => storedVersions(page, projectId)).toMatchObject([{ version: 1, status: 'HOSTED' }]);
  await page.getByRole('link', { name: 'Trial detections', exact: true }).click();
  await expect(page.getByTestId('model-status').first()).toHaveText('Running');
  await page.getByRole('link', { name: 'Models', exact: true }).click();

  // Export: model.json carries the threshold in effect and the trained one; model.onnx loads in onnxruntime.
  const { fileName, zip, metadata, onnx } = await exportModelPackage(page, 1);
  expect(fileName).toBe('demo-flange-model-1.zip');
  expect(metadata).toMatchObject({
    modelType: 'segmentation',
    inputFormat: 'RGB888',
    inputSize: { width: 320, height: 240 },
    threshold: trained!.anomalyThreshold,
    trainedThreshold: trained!.trainedAnomalyThreshold,
    source: { projectName: 'demo-flange', modelVersion: 1, description: 'first run', tags: [{ Key: 'shift', Value: 'night' }] },
  });
  expect(metadata.labels.map((label) => label.name).sort()).toEqual(['dent', 'missing-component', 'scratch']);
  const session = await ort.InferenceSession.create(onnx);
  expect(session.inputNames.length).toBeGreaterThan(0);
  expect(session.outputNames.length).toBeGreaterThan(0);
  await session.release();

  // Export for inference server: a Triton model repository holding the same model.onnx and a config from its graph.
  const [serverDownload] = await Promise.all([
    page.waitForEvent('download'),
    row(page, 1).getByRole('button', { name: 'Export for inference server' }).click(),
  ]);
  expect(serverDownload.suggestedFilename()).toBe('demo-flange-1-triton.zip');
  const repository = unzipSync(new Uint8Array(await readFile((await serverDownload.path())!)));
  expect(Object.keys(repository).sort()).toEqual(['demo-flange-1/1/model.onnx', 'demo-flange-1/config.pbtxt', 'demo-flange-1/model.json']);
  expect(Buffer.from(repository['demo-flange-1/1/model.onnx']!).equals(Buffer.from(onnx))).toBe(true);
  const config = strFromU8(repository['demo-flange-1/config.pbtxt']!);
  expect(config).toContain('platform: "onnxruntime_onnx"\nmax_batch_size: 0\n');
  expect(config).toContain('name: "image"\n    data_type: TYPE_UINT8\n    dims: [ 1, 240, 320, 3 ]');
  expect(config).toContain('name: "anomaly_mask"\n    data_type: TYPE_UINT8\n    dims: [ 1, 240, 320 ]');

  // Stop → back to Training complete.
  await row(page, 1).getByRole('button', { name: 'Stop' }).click();
  await expect(row(page, 1).getByTestId('model-status')).toHaveText('Training complete', { timeout: 60_000 });

  // Import: a package for 640×480 images is refused with the reason; the real one becomes Model 2.
  const importInput = page.getByLabel('Model package (.zip)');
  const wrongSize = zipSync({ 'model.onnx': onnx, 'model.json': strToU8(JSON.stringify({ ...metadata, inputSize: { width: 640, height: 480 } })) });
  await importInput.setInputFiles({ name: 'other-line.zip', mimeType: 'application/zip', buffer: Buffer.from(wrongSize) });
  await expect(page.getByTestId('model-import-problem')).toHaveText(
    'other-line.zip was trained on 640×480 images but project demo-flange uses 320×240. Import it into a project of 640×480 images, or train a new model in this project.',
  );
  expect(await storedVersions(page, projectId)).toHaveLength(1);
  await importInput.setInputFiles({ name: 'demo-flange-model-1.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
  await expect(row(page, 2).getByTestId('model-status')).toHaveText('Training complete');
  await expect(page.getByTestId('model-import-problem')).toHaveCount(0);
  const imported = (await storedVersions(page, projectId))[1]!;
  expect(imported).toMatchObject({
    version: 2,
    status: 'TRAINED',
    anomalyThreshold: trained!.anomalyThreshold,
    trainedAnomalyThreshold: trained!.trainedAnomalyThreshold,
  });

  // Delete the imported version with the typed word.
  await row(page, 2).getByRole('button', { name: 'Delete' }).click();
  const deleteImported = page.getByRole('dialog', { name: 'Delete Model 2?' });
  await deleteImported.getByLabel('Type delete to confirm').fill('delete');
  await deleteImported.getByRole('button', { name: 'Delete model' }).click();
  await expect(row(page, 2)).toHaveCount(0);
  expect((await storedVersions(page, projectId)).map((version) => version.version)).toEqual([1]);
});

test('cancelling a run marks the version Training failed with the reason', async ({ page }) => {
  test.setTimeout(5 * 60_000);
  const { projectId } = await demoProject(page);
  await page.getByRole('link', { name: 'Models' }).click();
  await trainDemoModel(page);
  const progress = page.getByTestId('training-progress');
  await expect(progress.getByTestId('training-stage')).toBeVisible({ timeout: 120_000 });
  await progress.getByRole('button', { name: 'Cancel training' }).click();
  await expect(row(page, 1).getByTestId('model-status')).toHaveText('Training failed: Training was cancelled', { timeout: 60_000 });
  await expect(progress).toHaveCount(0);
  expect(await storedVersions(page, projectId)).toMatchObject([{ version: 1, status: 'TRAINING_FAILED', statusMessage: 'Training was cancelled' }]);
  await expect(page.getByRole('button', { name: 'Train model' })).toBeEnabled();
});

test('a project with some masks missing trains as classification when the user chooses to ignore masks', async ({ page }) => {
  test.setTimeout(trainingTimeoutMs);
  const { projectId, entryIds } = await demoProject(page);
  // One anomalous image loses its mask (as if its mask had never been drawn).
  await page.evaluate(
    async (entryId) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('spotcheck');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const store = db.transaction('entries', 'readwrite').objectStore('entries');
      await new Promise<void>((resolve) => {
        store.get(entryId).onsuccess = (event) => {
          const entry = (event.target as IDBRequest).result as Record<string, unknown>;
          store.put({ ...entry, maskId: null, anomalyLabelIds: [] }).onsuccess = () => resolve();
        };
      });
      db.close();
    },
    Object.entries(entryIds).find(([sourceRef]) => sourceRef.startsWith('anomaly/'))![1],
  );
  await page.getByRole('link', { name: 'Models' }).click();
  await expect(page.getByRole('button', { name: 'Train model' })).toBeDisabled();
  await expect(page.getByTestId('training-readiness')).toContainText('Training dataset: 1 anomalous image has no mask.');
  await page.getByLabel('Train as classification (masks ignored)').check();
  await expect(page.getByRole('button', { name: 'Train model' })).toBeEnabled();
  await page.getByRole('button', { name: 'Train model' }).click();
  const dialog = page.getByRole('dialog', { name: 'Train a new model version' });
  await expect(dialog.getByTestId('training-readiness')).toContainText('The datasets meet the minimums for a classification model.');
  await dialog.getByRole('button', { name: 'Start training' }).click();
  await expect(row(page, 1).getByTestId('model-status')).toHaveText('Training complete', { timeout: trainingTimeoutMs });
  await expect(row(page, 1)).toContainText('Classification');
  expect(await storedVersions(page, projectId)).toMatchObject([{ version: 1, status: 'TRAINED' }]);
});
