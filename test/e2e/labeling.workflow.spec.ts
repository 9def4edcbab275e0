// The annotation tool inside the app's workflow: opened from the gallery's large view, moving to
// the previous/next image with unsaved changes (stay, discard, save), and an anomaly label deleted
// in another tab while the tool has unsaved pixels of it.
import { expect, test } from '@playwright/test';
import {
  collectPageErrors,
  demoProject,
  editor,
  editorMaskPixels,
  expectEditorMaskPixels,
  labelledPixels,
  mouseStroke,
  openEntry,
  projectIdOf,
  saveAndWait,
  storedIds,
  storedMask,
  waitForStage,
} from './helpers/annotation';

test('opened from the gallery, it asks before leaving unsaved changes: stay, discard, or save and continue', async ({ page }) => {
  const pageErrors = collectPageErrors(page);
  await demoProject(page);
  const gallery = page.getByTestId('gallery');
  const firstTile = gallery.locator('.gallery-tile').first();
  const firstName = (await firstTile.getAttribute('data-entry-name'))!;
  await firstTile.locator('.gallery-tile-body').click();
  await page.getByRole('dialog').getByRole('link', { name: 'Annotate' }).click();
  await waitForStage(page);
  await expect(page.getByRole('heading', { name: firstName })).toBeVisible();
  await expect(page).toHaveURL(/\/label\//);

  const firstId = (await storedIds(page)).entryIds[firstName]!;
  expect(page.url()).toMatch(new RegExp(`/label/${firstId}$`));
  const firstStored = await storedMask(page, firstId);
  // The stored demo mask is what the editor opens with.
  await expectEditorMaskPixels(page, labelledPixels(firstStored));

  await page.getByRole('button', { name: 'Brush' }).click();
  await mouseStroke(page, [20, 20], [300, 20]);
  await expect(editor(page)).toHaveAttribute('data-dirty', 'true');
  const unsaved = page.getByRole('dialog', { name: 'Unsaved changes' });

  // Stay: nothing moves, the change is still there.
  await page.keyboard.press('ArrowRight');
  await unsaved.getByRole('button', { name: 'Stay' }).click();
  await expect(unsaved).toBeHidden();
  await expect(page.getByRole('heading', { name: firstName })).toBeVisible();
  await expect(editor(page)).toHaveAttribute('data-dirty', 'true');

  // Discard: the next image opens, with its own stored mask; the first image's mask is untouched.
  await page.getByRole('button', { name: 'Next image' }).click();
  await unsaved.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByRole('heading', { name: firstName })).toBeHidden();
  await waitForStage(page);
  const nextId = /label\/([^/]+)$/.exec(page.url())![1]!;
  expect(nextId).not.toBe(firstId);
  expect(await storedMask(page, firstId)).toEqual(firstStored);
  const nextStored = await storedMask(page, nextId);
  await expectEditorMaskPixels(page, labelledPixels(nextStored));
  await expect(editor(page)).toHaveAttribute('data-dirty', 'false');

  // Save and continue: the change is stored, then the previous image opens.
  await mouseStroke(page, [20, 220], [300, 220]);
  await expect(editor(page)).toHaveAttribute('data-dirty', 'true');
  const paintedCount = await editorMaskPixels(page);
  expect(paintedCount).toBeGreaterThan(labelledPixels(nextStored));
  await page.getByRole('button', { name: 'Previous image' }).click();
  await unsaved.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { name: firstName })).toBeVisible();
  await waitForStage(page);
  expect(labelledPixels(await storedMask(page, nextId))).toBe(paintedCount);
  await expectEditorMaskPixels(page, labelledPixels(firstStored));
  expect(pageErrors).toEqual([]);
});

test('a label deleted in another tab while its pixels are unsaved is named, and nothing wrong is saved', async ({ page, context }) => {
  const pageErrors = collectPageErrors(page);
  const { projectId, entryIds } = await demoProject(page);
  const entryId = entryIds['normal/normal-003.png']!;
  await openEntry(page, projectId, entryId);
  await page.getByLabel('New label name').fill('burr');
  await page.getByRole('button', { name: 'Add label' }).click();
  await expect(page.getByRole('button', { name: 'burr' })).toHaveAttribute('aria-pressed', 'true');
  await mouseStroke(page, [100, 100], [200, 100]);
  await expect(editor(page)).toHaveAttribute('data-dirty', 'true');

  // Another tab deletes the label: nothing stored uses it yet, so the label manager allows it.
  const other = await context.newPage();
  await other.goto(`/projects/${projectId}/datasets`);
  await other.getByTestId('label-manager').getByRole('button', { name: 'Delete burr' }).click();
  await other.getByRole('dialog').getByRole('button', { name: 'Delete label' }).click();
  await expect(other.getByTestId('label-manager').locator('[data-label-name="burr"]')).toHaveCount(0);
  await other.close();

  const deletedAlert = page.getByRole('alert').filter({ hasText: 'Anomaly label “burr” was deleted elsewhere' });
  await expect(deletedAlert).toBeVisible();
  await expect(page.getByRole('button', { name: 'burr' })).toHaveCount(0);

  // Saving is refused with the label's name; the stored image stays normal without a mask.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: '“burr” no longer exists' })).toBeVisible();
  await expect(editor(page)).toHaveAttribute('data-dirty', 'true');
  expect(await storedMask(page, entryId)).toEqual({ counts: {}, samples: [], width: 320 });

  // Adding the label again gives the pixels back a label; now they save under it.
  await page.getByLabel('New label name').fill('burr');
  await page.getByRole('button', { name: 'Add label' }).click();
  await expect(deletedAlert).toBeHidden();
  await saveAndWait(page);
  const burrIndex = (await storedIds(page)).labelIndex.burr!;
  const stored = await storedMask(page, entryId, [[150, 100]]);
  expect(stored.samples).toEqual([burrIndex]);
  await expectEditorMaskPixels(page, labelledPixels(stored));
  expect(projectIdOf(page)).toBe(projectId);
  expect(pageErrors).toEqual([]);
});
