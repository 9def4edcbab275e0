// All-or-nothing writes on a real (in-memory) IndexedDB: a write that fails part-way, through a
// real IndexedDB failure, leaves every store exactly as it was, and the user reads why.
import type { IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeNewProject } from '../../src/storage/importProject';
import { createProject } from '../../src/storage/projects';
import type { SpotcheckDB } from '../../src/storage/schema';
import { writeTransaction } from '../../src/storage/transaction';
import { fakePng, sampleProjectInput } from '../fixtures/sampleProject';
import { failureMessage, snapshotDatabase, withoutRecordsOf, useFreshDatabase } from '../fixtures/storageTestKit';

let db: IDBPDatabase<SpotcheckDB>;
useFreshDatabase((opened) => (db = opened));

beforeEach(async () => {
  // Something to keep: a failed write must not disturb existing data either.
  await writeNewProject(db, sampleProjectInput('existing'));
  await db.put('settings', { camera: 'rear' }, 'inspection');
});

const quotaMessage = 'Storage is full. Free space by deleting trial detections, old model versions or projects you no longer need, then try again.';

describe('writeNewProject is all or nothing', () => {
  it('leaves every store unchanged when the last entry cannot be stored', async () => {
    const before = await snapshotDatabase(db);
    const input = sampleProjectInput('half-written');
    const entries = input.datasets[1]!.entries;
    // Passes every check (it is a Blob to instanceof) but IndexedDB cannot clone a Proxy: the
    // put throws DataCloneError after the project, datasets, labels and earlier images were queued.
    entries[entries.length - 1]!.image = new Proxy(fakePng('unclonable'), {});

    expect(await failureMessage(writeNewProject(db, input))).toMatch(/^The browser's storage failed \(DataCloneError: .+\)\. Nothing was changed/);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('lets only the first of two simultaneous creations with one name through, whole', async () => {
    const beforeBoth = await snapshotDatabase(db);
    const [first, second] = await Promise.allSettled([writeNewProject(db, sampleProjectInput('twin')), writeNewProject(db, sampleProjectInput('twin'))]);
    expect(first.status).toBe('fulfilled');
    expect(second.status === 'rejected' && second.reason).toMatchObject({ code: 'project.nameTaken' });

    const added = withoutRecordsOf(await snapshotDatabase(db), beforeBoth);
    expect(Object.keys(added.projects ?? {})).toHaveLength(1);
    expect(Object.keys(added.entries ?? {})).toHaveLength(6);
    expect(Object.keys(added.images ?? {})).toHaveLength(6);
  });
});

describe('writeTransaction', () => {
  it('rolls back earlier writes when a later request breaks a unique index', async () => {
    const before = await snapshotDatabase(db);
    const write = writeTransaction(db, ['projects', 'images'], async (transaction) => {
      await transaction.objectStore('images').add({ id: 'written-first', blob: fakePng('first') });
      const project = { id: crypto.randomUUID(), createdAt: '2026-01-01T00:00:00.000Z', imageSize: null, modelType: null };
      await transaction.objectStore('projects').add({ ...project, name: 'fresh' });
      // Same name as the project seeded above: the by-name unique index refuses it.
      await transaction.objectStore('projects').add({ ...project, id: crypto.randomUUID(), name: 'existing' });
    });
    expect(await failureMessage(write)).toMatch(/^The browser's storage failed \(ConstraintError: /);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('rolls back and reports a full disk when a put throws QuotaExceededError', async () => {
    const before = await snapshotDatabase(db);
    const write = writeTransaction(db, ['images'], async (transaction) => {
      await transaction.objectStore('images').add({ id: 'fits', blob: fakePng('small') });
      // Structured cloning reads this getter inside put(), which then throws what a full disk throws.
      const overQuota = {
        id: 'too-big',
        get blob(): Blob {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        },
      };
      await transaction.objectStore('images').add(overQuota);
    });
    const error = await write.catch((failure: unknown) => failure);
    expect(error).toMatchObject({ name: 'UserFacingError', code: 'storage.quotaExceeded' });
    expect(await failureMessage(Promise.reject(error))).toBe(quotaMessage);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('rolls back when the work itself gives up half-way', async () => {
    const before = await snapshotDatabase(db);
    const write = writeTransaction(db, ['images'], async (transaction) => {
      await transaction.objectStore('images').add({ id: 'orphan', blob: fakePng('orphan') });
      throw new RangeError('validation failed after the first write');
    });
    await expect(write).rejects.toThrow(RangeError);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('commits every write when the work succeeds', async () => {
    const project = await createProject(db, 'committed');
    await writeTransaction(db, ['projects', 'images'], async (transaction) => {
      await transaction.objectStore('images').add({ id: 'kept-image', blob: fakePng('kept') });
      await transaction.objectStore('projects').put({ ...project, modelType: 'classification' });
    });
    expect((await db.get('projects', project.id))?.modelType).toBe('classification');
    expect(await new Response((await db.get('images', 'kept-image'))?.blob).text()).toBe('png:kept');
  });
});
