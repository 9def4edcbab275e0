// A model version record of a shape the app does not expect (written straight into IndexedDB, as an old or
// hand-edited import could have left it): the Models tab still opens, the damaged version is named with
// the reason and can be deleted, and the project's other versions show as before.
import { expect, test, type Page } from '@playwright/test';
import { projectIdOf } from './helpers/annotation';
import { modelRow, readStore, type StoredVersion } from './helpers/models';

/** Puts one record into the app's modelVersions store from inside the page. */
function putVersion(page: Page, record: Record<string, unknown>): Promise<void> {
  return page.evaluate(async (value) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('spotcheck');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const transaction = db.transaction('modelVersions', 'readwrite');
      transaction.objectStore('modelVersions').put(value);
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
    });
    db.close();
  }, record);
}

test('a damaged model version leaves the Models tab usable and can be deleted', async ({ page }) => {
  await page.goto('/projects');
  await page.getByLabel('New project name').fill('damaged-records');
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('link', { name: 'Models', exact: true }).click();
  await expect(page.getByText('No model versions yet.', { exact: false })).toBeVisible();
  const projectId = projectIdOf(page);
  const base = { projectId, statusMessage: '', createdAt: '2026-11-21T10:00:00.000Z', modelType: 'classification', status: 'TRAINING_FAILED' };
  await putVersion(page, { ...base, id: 'sound', version: 1, description: 'sound', tags: [{ Key: 'line', Value: 'A' }] });
  await putVersion(page, {
    ...base, id: 'damaged', version: 2, description: { text: 'an object' }, tags: 'line=A',
    performance: { precision: '0.9', recall: '0.8', f1: 'high' },
  });

  await page.reload();
  const damaged = modelRow(page, 2);
  await expect(damaged).toHaveText(/^Model 2 cannot be shown: its stored record is damaged or of an unknown shape\. Delete it, then train or import the model again\./);
  await expect(modelRow(page, 1)).toContainText('sound');
  await expect(modelRow(page, 1).getByTestId('model-tags')).toHaveText('line: A');

  await damaged.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete Model 2?' });
  await dialog.getByLabel('Type delete to confirm').fill('delete');
  await dialog.getByRole('button', { name: 'Delete model' }).click();
  await expect(damaged).toHaveCount(0);
  expect((await readStore<StoredVersion>(page, 'modelVersions')).filter((version) => version.projectId === projectId).map((version) => version.id)).toEqual(['sound']);
});
