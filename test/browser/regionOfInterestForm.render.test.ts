// The project's region of interest on the Datasets page, rendered in Chromium on a stored project: saved in
// percent and stored as fractions, a region past the picture's edge refused with the reason and nothing
// stored changed, and "Whole picture" clearing it.
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Project } from '../../src/domain/types';
import { RegionOfInterestForm } from '../../src/datasets/RegionOfInterestForm';
import { i18n } from '../../src/i18n';
import { openSpotcheckDb } from '../../src/storage/db';
import { createProject, deleteProject, getProject } from '../../src/storage/projects';
import { typeInto } from './fixtures/typeInto';

/** How long a poll may wait for React to commit: generous for a loaded 2-core machine. */
const poll = { timeout: 20_000, interval: 50 };

let project: Project;
let root: Root;
let container: HTMLDivElement;

const input = (label: string) => [...container.querySelectorAll('label')].find((item) => item.textContent!.startsWith(label))!.querySelector('input')!;
const button = (text: string) => [...container.querySelectorAll('button')].find((item) => item.textContent === text)!;
const summary = () => container.querySelector('[data-testid="region-summary"]')?.textContent;
const alertText = () => container.querySelector('[role="alert"]')?.textContent;

beforeAll(async () => {
  project = await createProject(await openSpotcheckDb(), `region-${crypto.randomUUID().slice(0, 8)}`);
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  root.render(createElement(I18nextProvider, { i18n }, createElement(RegionOfInterestForm, { projectId: project.id })));
  await vi.waitFor(() => expect(summary()).toBe('Models trained from now on look at the whole picture.'), poll);
});

afterAll(async () => {
  root.unmount();
  container.remove();
  await deleteProject(await openSpotcheckDb(), project.id, project.name);
});

describe('RegionOfInterestForm', () => {
  it('stores the region typed in percent as fractions of the picture', async () => {
    typeInto(input('Left'), '10');
    typeInto(input('Top'), '5');
    typeInto(input('Width'), '80');
    typeInto(input('Height'), '85');
    button('Save region').click();
    await expect.poll(summary, poll).toBe('Models trained from now on look at 80 % × 85 % of the picture, from 10 % from the left and 5 % from the top.');
    expect((await getProject(await openSpotcheckDb(), project.id)).region).toEqual({ x: 0.1, y: 0.05, width: 0.8, height: 0.85 });
  });

  it('refuses a region past the right edge, says why and keeps the stored one', async () => {
    const before = await getProject(await openSpotcheckDb(), project.id);
    typeInto(input('Width'), '95');
    button('Save region').click();
    await expect
      .poll(alertText, poll)
      .toBe(
        'The region of interest must lie inside the picture (left + width and top + height at most 100 %) and cover at least 10 % of its width and height. The region was not changed; correct the numbers and save again.',
      );
    expect(await getProject(await openSpotcheckDb(), project.id)).toEqual(before);
  });

  it('goes back to the whole picture', async () => {
    button('Whole picture').click();
    await expect.poll(summary, poll).toBe('Models trained from now on look at the whole picture.');
    expect((await getProject(await openSpotcheckDb(), project.id)).region).toBeUndefined();
    expect(input('Width').value).toBe('100');
  });
});
