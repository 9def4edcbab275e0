// Deleting a model version: the version and all of its files go together; refused with the reason
// while it trains or holds a detection session, and without the typed word `delete`.
import type { IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ModelVersion, ModelVersionStatus } from '../../src/domain/types';
import { deleteModelVersion } from '../../src/storage/modelDeletion';
import { createProject } from '../../src/storage/projects';
import type { SpotcheckDB } from '../../src/storage/schema';
import { failureMessage, snapshotDatabase, useFreshDatabase } from '../fixtures/storageTestKit';
import { storeFakeTrainedVersion } from './helpers/fakeModelFiles';

let db: IDBPDatabase<SpotcheckDB>;
useFreshDatabase((opened) => (db = opened));

describe('deleteModelVersion', () => {
  let first: ModelVersion;
  let second: ModelVersion;
  beforeEach(async () => {
    const project = await createProject(db, 'parts');
    first = await storeFakeTrainedVersion(db, project.id, 1);
    second = await storeFakeTrainedVersion(db, project.id, 2);
  });

  it.each<ModelVersionStatus>(['TRAINED', 'TRAINING_FAILED', 'HOSTING_FAILED'])('deletes a %s version with its files, and only those', async (status) => {
    await db.put('modelVersions', { ...first, status });
    await deleteModelVersion(db, first.id, ' delete ');
    expect(await db.get('modelVersions', first.id)).toBeUndefined();
    expect(await db.getAllKeysFromIndex('modelArtifacts', 'by-model', first.id)).toEqual([]);
    expect(await db.get('modelVersions', second.id)).toEqual(second);
    expect(await db.getAllKeysFromIndex('modelArtifacts', 'by-model', second.id)).toHaveLength(2);
  });

  it.each<[ModelVersionStatus, string]>([
    ['TRAINING', 'Model 1 is still training. Wait for training to finish or cancel it, then delete it.'],
    ['STARTING_HOSTING', 'Model 1 is starting. Stop it once it is running, then delete it.'],
    ['HOSTED', 'Model 1 is running. Stop it first, then delete it.'],
    ['STOPPING_HOSTING', 'Model 1 is stopping. Wait until it has stopped, then delete it.'],
  ])('refuses while %s, changing nothing', async (status, message) => {
    await db.put('modelVersions', { ...first, status });
    const before = await snapshotDatabase(db);
    expect(await failureMessage(deleteModelVersion(db, first.id, 'delete'))).toBe(message);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('refuses without the typed word, changing nothing', async () => {
    const before = await snapshotDatabase(db);
    expect(await failureMessage(deleteModelVersion(db, first.id, 'Delete'))).toBe('Type delete to confirm. Nothing was deleted.');
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('says so when the version is already gone', async () => {
    await deleteModelVersion(db, first.id, 'delete');
    expect(await failureMessage(deleteModelVersion(db, first.id, 'delete'))).toMatch(/no longer exists/);
  });
});
