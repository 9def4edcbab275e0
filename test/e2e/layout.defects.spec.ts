// What an operator at a 1280×800 touch tablet saw go wrong on screen (issue 15, defect 10): the detection
// history radios sat apart from their labels, "Ask to keep data" answered nothing, the "Saved …" notice
// pushed the annotator's canvas down, and an empty grid box stood under "No images match this filter".
import { expect, test, type Locator } from '@playwright/test';
import { demoProject, editor, mouseStroke, openEntry, saveAndWait } from './helpers/annotation';

test.use({ viewport: { width: 1280, height: 800 }, hasTouch: true });

/** The box of a radio and of its label's text, in page px. */
async function radioAndText(label: Locator) {
  return label.evaluate((element) => {
    const radio = element.querySelector('input')!.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(element);
    range.setStartAfter(element.querySelector('input')!);
    const text = range.getBoundingClientRect();
    return { radio: { top: radio.top, bottom: radio.bottom, right: radio.right }, text: { top: text.top, bottom: text.bottom, left: text.left } };
  });
}

test('each detection history radio sits on the line of its own label text', async ({ page }) => {
  await page.goto('/settings');
  const form = page.getByRole('form', { name: 'Detection history' });
  for (const name of ['Keep all detection history', 'Keep detection history for']) {
    const radio = form.getByRole('radio', { name });
    await expect(radio).toBeVisible();
    const { radio: box, text } = await radioAndText(form.locator('label', { has: page.getByRole('radio', { name }) }));
    const radioMiddle = (box.top + box.bottom) / 2;
    expect(radioMiddle, `${name}: radio beside its text`).toBeGreaterThan(text.top);
    expect(radioMiddle, `${name}: radio beside its text`).toBeLessThan(text.bottom);
    expect(text.left - box.right, `${name}: gap between radio and text`).toBeLessThan(16);
  }
});

test('"Ask to keep data" says what the browser answered', async ({ page }) => {
  await page.goto('/settings');
  const estimate = page.getByTestId('storage-estimate');
  await expect(estimate).toContainText('Not persistent');
  await estimate.getByRole('button', { name: 'Ask to keep data' }).click();
  const answer = page.getByTestId('persistence-answer');
  await expect(answer).toHaveText(/^(The browser will keep Spotcheck’s data\.|The browser declined: .+)$/);
  // The answer and the Protection line agree.
  const granted = (await answer.textContent())!.startsWith('The browser will keep');
  await expect(estimate).toContainText(granted ? 'Persistent: the browser will not clear' : 'Not persistent');
});

test('the "Saved …" notice leaves the annotator canvas where it was', async ({ page }) => {
  const { projectId, entryIds } = await demoProject(page);
  const [name, entryId] = Object.entries(entryIds).find(([sourceRef]) => sourceRef.startsWith('anomaly/'))!;
  await openEntry(page, projectId, entryId);
  const stage = page.getByTestId('annotation-stage');
  const before = (await stage.boundingBox())!;
  await mouseStroke(page, [10, 10], [30, 30]);
  await expect(editor(page)).toHaveAttribute('data-dirty', 'true');
  await saveAndWait(page);
  await expect(page.getByRole('status').filter({ hasText: `Saved ${name}.` })).toBeVisible();
  const after = (await stage.boundingBox())!;
  expect(after.y).toBe(before.y);
  expect(after.height).toBe(before.height);
});

test('"No images match this filter" stands alone, without an empty grid under it', async ({ page }) => {
  await demoProject(page);
  const gallery = page.getByTestId('gallery');
  await expect(gallery.locator('.gallery-tile').first()).toBeVisible();
  await gallery.getByRole('searchbox').fill('no-such-image');
  await expect(gallery.getByText('No images match this filter.')).toBeVisible();
  await expect(gallery.locator('.gallery-grid')).toHaveCount(0);
});

test('the header says "Offline" while the network is gone, and no more once it is back', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByTestId('dashboard')).toBeVisible();
  const offline = page.getByRole('banner').getByTestId('network-offline');
  await expect(offline).toHaveCount(0);
  await context.setOffline(true);
  await expect(offline).toHaveText('Offline');
  await context.setOffline(false);
  await expect(offline).toHaveCount(0);
});
