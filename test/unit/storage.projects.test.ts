// Project repository on a real (in-memory) IndexedDB: naming rules, ordering, renames, and deletes
// that are confirmed, refused while something runs, and remove every record the project owns.
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import type { ModelVersionStatus } from '../../src/domain/types';
import { createProject, deleteProject, findProjectByName, getProject, listProjects, projectSummaries, renameProject } from '../../src/storage/projects';
import { PROJECT_STORES, type SpotcheckDB } from '../../src/storage/schema';
import { seedFullProject } from '../fixtures/sampleProject';
import { failureMessage, snapshotDatabase, withoutRecordsOf, useFreshDatabase } from '../fixtures/storageTestKit';

let db: IDBPDatabase<SpotcheckDB>;
useFreshDatabase((opened) => (db = opened));

describe('createProject', () => {
  it('stores an empty project with a UUID, a UTC timestamp and no size or model type yet', async () => {
    const project = await createProject(db, 'flange-line-3');
    expect(project).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'flange-line-3',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      imageSize: null,
      modelType: null,
    });
    expect(await getProject(db, project.id)).toEqual(project);
    expect(await findProjectByName(db, 'flange-line-3')).toEqual(project);
    expect(await db.count('datasets')).toBe(0);
  });

  it('refuses an invalid name and writes nothing', async () => {
    const before = await snapshotDatabase(db);
    expect(await failureMessage(createProject(db, 'my parts'))).toBe(
      '“my parts” is not a valid project name. Use up to 255 letters, digits, hyphens or underscores, starting with a letter or digit.',
    );
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('refuses a name already in use and writes nothing; names differing in case are distinct', async () => {
    await createProject(db, 'parts');
    const before = await snapshotDatabase(db);
    expect(await failureMessage(createProject(db, 'parts'))).toBe('A project named “parts” already exists on this device. Choose another name.');
    expect(await snapshotDatabase(db)).toEqual(before);
    await createProject(db, 'Parts');
    // Equal ignoring case: upper case first, so the order never depends on insertion.
    expect((await listProjects(db)).map((project) => project.name)).toEqual(['Parts', 'parts']);
  });
});

describe('listProjects', () => {
  it('sorts by name ignoring case', async () => {
    for (const name of ['gamma', 'Beta', 'alpha-2', 'Alpha', 'beta_1', '9-line']) await createProject(db, name);
    expect((await listProjects(db)).map((project) => project.name)).toEqual(['9-line', 'Alpha', 'alpha-2', 'Beta', 'beta_1', 'gamma']);
  });
});

describe('getProject', () => {
  it('reports a missing project in words', async () => {
    expect(await failureMessage(getProject(db, 'no-such-id'))).toBe('This project no longer exists. It may have been deleted in another tab.');
  });
});

describe('renameProject', () => {
  it('renames, keeping every other field', async () => {
    const project = await createProject(db, 'parts');
    const renamed = await renameProject(db, project.id, 'parts-2026');
    expect(renamed).toEqual({ ...project, name: 'parts-2026' });
    expect(await getProject(db, project.id)).toEqual(renamed);
    expect(await findProjectByName(db, 'parts')).toBeUndefined();
  });

  it('treats renaming to the current name as a no-op', async () => {
    const project = await createProject(db, 'parts');
    const before = await snapshotDatabase(db);
    expect(await renameProject(db, project.id, 'parts')).toEqual(project);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it.each([
    [
      'an invalid name',
      '_parts',
      '“_parts” is not a valid project name. Use up to 255 letters, digits, hyphens or underscores, starting with a letter or digit.',
    ],
    ['HTML', '<b>x</b>', '“<b>x</b>” is not a valid project name. Use up to 255 letters, digits, hyphens or underscores, starting with a letter or digit.'],
    ['an empty name', '', 'Enter a project name. Use up to 255 letters, digits, hyphens or underscores, starting with a letter or digit.'],
    ['a name in use', 'other', 'A project named “other” already exists on this device. Choose another name.'],
  ])('refuses %s and changes nothing', async (_case, newName, message) => {
    const project = await createProject(db, 'parts');
    await createProject(db, 'other');
    const before = await snapshotDatabase(db);
    expect(await failureMessage(renameProject(db, project.id, newName))).toBe(message);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('reports a project that no longer exists', async () => {
    expect(await failureMessage(renameProject(db, 'gone', 'parts'))).toBe('This project no longer exists. It may have been deleted in another tab.');
  });
});

describe('deleteProject', () => {
  it.each(['', 'delete', 'Parts', 'PARTS', 'part', 'parts2', 'delete parts'])('refuses the confirmation %j and changes nothing', async (typed) => {
    const project = await seedFullProject(db, 'parts');
    const before = await snapshotDatabase(db);
    expect(await failureMessage(deleteProject(db, project.id, typed))).toBe('Type the project name parts to confirm. Nothing was deleted.');
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it.each<[ModelVersionStatus, string]>([
    ['TRAINING', 'Project “parts” cannot be deleted while Model 1 is training. Let the training finish or cancel it, then try again.'],
    ['STARTING_HOSTING', 'Project “parts” cannot be deleted while Model 1 is starting. Stop the model, then try again.'],
    ['HOSTED', 'Project “parts” cannot be deleted while Model 1 is running. Stop the model, then try again.'],
    ['STOPPING_HOSTING', 'Project “parts” cannot be deleted while Model 1 is stopping. Wait until it has stopped, then try again.'],
  ])('refuses while a model version is %s and changes nothing', async (modelStatus, message) => {
    const project = await seedFullProject(db, 'parts', { modelStatus });
    const before = await snapshotDatabase(db);
    expect(await failureMessage(deleteProject(db, project.id, project.name))).toBe(message);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('refuses while a trial detection job is running and changes nothing', async () => {
    const project = await seedFullProject(db, 'parts', { trialStatus: 'RUNNING' });
    const before = await snapshotDatabase(db);
    expect(await failureMessage(deleteProject(db, project.id, project.name))).toBe(
      'Project “parts” cannot be deleted while trial detection “parts-trial” is running. Wait until it finishes, then try again.',
    );
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it.each<ModelVersionStatus>(['TRAINED', 'TRAINING_FAILED', 'HOSTING_FAILED'])('allows deleting when the model version is %s', async (modelStatus) => {
    const project = await seedFullProject(db, 'parts', { modelStatus });
    await deleteProject(db, project.id, project.name);
    expect(await listProjects(db)).toEqual([]);
  });

  it('removes every record the project owns, in every store, and nothing of another project', async () => {
    await db.put('settings', 'en', 'language');
    const empty = await snapshotDatabase(db);
    const doomed = await seedFullProject(db, 'doomed');
    const doomedRecords = withoutRecordsOf(await snapshotDatabase(db), empty);
    await seedFullProject(db, 'kept');
    const beforeDelete = await snapshotDatabase(db);

    // The sample reaches every store a project owns, so the cascade is checked for each of them.
    for (const store of PROJECT_STORES) expect(Object.keys(doomedRecords[store] ?? {}).length, store).toBeGreaterThan(0);

    await deleteProject(db, doomed.id, `  ${doomed.name}  `);

    const afterDelete = await snapshotDatabase(db);
    expect(afterDelete).toEqual(withoutRecordsOf(beforeDelete, doomedRecords));
    expect(afterDelete.settings).toEqual({ '"language"': 'en' });
    expect((await listProjects(db)).map((project) => project.name)).toEqual(['kept']);
  });

  it('reports a project that no longer exists', async () => {
    expect(await failureMessage(deleteProject(db, 'gone', 'gone'))).toBe('This project no longer exists. It may have been deleted in another tab.');
  });
});

describe('projectSummaries', () => {
  it('counts datasets, images, labelled images and model versions per project, sorted by name', async () => {
    await seedFullProject(db, 'seeded');
    await createProject(db, 'Empty');
    const summaries = await projectSummaries(db);
    expect(summaries.map(({ project, ...counts }) => ({ name: project.name, ...counts }))).toEqual([
      { name: 'Empty', datasetCount: 0, imageCount: 0, labeledCount: 0, modelCount: 0 },
      { name: 'seeded', datasetCount: 2, imageCount: 6, labeledCount: 5, modelCount: 1 },
    ]);
  });
});
