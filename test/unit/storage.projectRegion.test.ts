// The project's region of interest on a real (in-memory) IndexedDB: saved with the project, cleared back
// to the whole picture, and a region outside the picture or too small refused with nothing changed.
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { createProject, getProject, setProjectRegion } from '../../src/storage/projects';
import type { SpotcheckDB } from '../../src/storage/schema';
import { failureMessage, snapshotDatabase, useFreshDatabase } from '../fixtures/storageTestKit';

let db: IDBPDatabase<SpotcheckDB>;
useFreshDatabase((opened) => (db = opened));

const refusal =
  'The region of interest must lie inside the picture (left + width and top + height at most 100 %) and cover at least 10 % of its width and height. The region was not changed; correct the numbers and save again.';

describe('setProjectRegion', () => {
  it('stores the region with the project and clears it back to the whole picture', async () => {
    const project = await createProject(db, 'cookies');
    const region = { x: 0.1, y: 0.05, width: 0.8, height: 0.85 };
    expect((await setProjectRegion(db, project.id, region)).region).toEqual(region);
    expect(await getProject(db, project.id)).toEqual({ ...project, region });
    await setProjectRegion(db, project.id, null);
    expect(await getProject(db, project.id)).toEqual(project);
    await setProjectRegion(db, project.id, { x: 0, y: 0, width: 1, height: 1 });
    expect(await getProject(db, project.id)).toEqual(project);
  });

  it.each([
    ['reaching past the right edge', { x: 0.5, y: 0, width: 0.6, height: 1 }],
    ['narrower than a tenth', { x: 0, y: 0, width: 0.05, height: 1 }],
    ['not a number', { x: Number.NaN, y: 0, width: 1, height: 1 }],
  ])('refuses a region %s and changes nothing', async (_case, region) => {
    const project = await createProject(db, 'cookies');
    await setProjectRegion(db, project.id, { x: 0.1, y: 0.1, width: 0.8, height: 0.8 });
    const before = await snapshotDatabase(db);
    expect(await failureMessage(setProjectRegion(db, project.id, region))).toBe(refusal);
    expect(await snapshotDatabase(db)).toEqual(before);
  });
});
