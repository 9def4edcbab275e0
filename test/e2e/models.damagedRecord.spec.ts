// Records of a shape the app does not expect (written straight into IndexedDB, as an old or hand-edited
// import could have left them): the Models tab still opens, a damaged version is named with the reason and
// can be deleted, and the project's other versions show as before; a page that cannot render a record
// shows its route's message in its place while the project's other tabs keep working.
import { expect, test, type Page } from '@playwright/test';
import { projectIdOf } from './helpers/annotation';
import { modelRow, readStore, type StoredVersion } from './helpers/models';

/** Puts one record into a store of the app's database from inside the page. */
function putRecord(page: Page, store: string, record: Record<string, unknown>): Promise<void> {
  return page.evaluate(
    async ({ store, value }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('spotcheck');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const transaction = db.transaction(store, 'readwrite');
        transaction.objectStore(store).put(value);
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
      });
      db.close();
    },
    { store, value: record },
  );
}

async function newProject(page: Page, name: string): Promise<string> {
  await page.goto('/projects');
  await page.getByLabel('New project name').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('link', { name: 'Models', exact: true }).click();
  await expect(page.getByText('No model versions yet.', { exact: false })).toBeVisible();
  return projectIdOf(page);
}

test('a damaged model version leaves the Models tab usable and can be deleted', async ({ page }) => {
  const projectId = await newProject(page, 'damaged-records');
  const base = { projectId, statusMessage: '', createdAt: '2026-11-21T10:00:00.000Z', modelType: 'classification', status: 'TRAINING_FAILED' };
  await putRecord(page, 'modelVersions', { ...base, id: 'sound', version: 1, description: 'sound', tags: [{ Key: 'line', Value: 'A' }] });
  await putRecord(page, 'modelVersions', {
    ...base,
    id: 'damaged',
    version: 2,
    description: { text: 'an object' },
    tags: 'line=A',
    performance: { precision: '0.9', recall: '0.8', f1: 'high' },
  });

  await page.reload();
  const damaged = modelRow(page, 2);
  await expect(damaged).toHaveText(
    /^Model 2 cannot be shown: its stored record is damaged or of an unknown shape\. Delete it, then train or import the model again\./,
  );
  await expect(modelRow(page, 1)).toContainText('sound');
  await expect(modelRow(page, 1).getByTestId('model-tags')).toHaveText('line: A');

  await damaged.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete Model 2?' });
  await dialog.getByLabel('Type delete to confirm').fill('delete');
  await dialog.getByRole('button', { name: 'Delete model' }).click();
  await expect(damaged).toHaveCount(0);
  expect((await readStore<StoredVersion>(page, 'modelVersions')).filter((version) => version.projectId === projectId).map((version) => version.id)).toEqual([
    'sound',
  ]);
});

test('a page that cannot render a stored record shows its message in place, the other tabs keep working', async ({ page }) => {
  const projectId = await newProject(page, 'damaged-trial');
  await putRecord(page, 'trialJobs', {
    id: 'damaged-job',
    projectId,
    name: 'line-1',
    modelVersion: 1,
    status: 'COMPLETED',
    createdAt: '2026-11-21T10:00:00.000Z',
    modelVersionId: 'gone',
    statusMessage: { text: 'an object' },
    imageCount: 1,
  });
  await page.getByRole('link', { name: 'Trial detections', exact: true }).click();
  await expect(page.getByTestId('route-error')).toContainText('This page could not be shown.');
  await page.getByRole('link', { name: 'Models', exact: true }).click();
  await expect(page.getByText('No model versions yet.', { exact: false })).toBeVisible();
  await expect(page.getByTestId('route-error')).toHaveCount(0);
});
