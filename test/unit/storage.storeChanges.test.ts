// Stores announce their changes, on a real (in-memory) IndexedDB and Node's BroadcastChannel: a
// committed write announces exactly the stores whose records it changed (not those it only read), a
// failed or aborted write announces nothing, subscribers hear only the stores they named and only
// their own database, and a view's reader may use only the stores it named.
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import type { DetectionEvent } from '../../src/domain/types';
import { closeSpotcheckDb, openSpotcheckDb } from '../../src/storage/db';
import { appendDetectionEvent, pruneDetectionEventsBefore, saveRetentionDays } from '../../src/storage/detectionEvents';
import { writeNewProject } from '../../src/storage/importProject';
import { createProject, deleteProject, listProjects } from '../../src/storage/projects';
import { ALL_STORES, type SpotcheckDB, type StoreName } from '../../src/storage/schema';
import { readingOnly } from '../../src/storage/storeAccess';
import { subscribeToStoreChanges } from '../../src/storage/storeChanges';
import { writeTransaction } from '../../src/storage/transaction';
import { seedFullProject, sampleProjectInput } from '../fixtures/sampleProject';
import { failureMessage, freshDbName, snapshotDatabase, useFreshDatabase, type DatabaseSnapshot } from '../fixtures/storageTestKit';

let db: IDBPDatabase<SpotcheckDB>;
useFreshDatabase((opened) => (db = opened));

/** Only the marker write touches `settings`; nothing under test here does. */
const markerStore = 'settings';

/**
 * Every announcement made while `action` runs. A marker write follows it: one publisher's messages
 * arrive in order, so once the marker's announcement is in, every earlier one is too.
 */
async function announcementsDuring(action: () => Promise<unknown>): Promise<StoreName[][]> {
  const announced: StoreName[][] = [];
  let markerHeard: () => void = () => undefined;
  const marker = new Promise<void>((resolve) => (markerHeard = resolve));
  const unsubscribe = subscribeToStoreChanges(db.name, ALL_STORES, (storeNames) => {
    if (storeNames.includes(markerStore)) markerHeard();
    else announced.push([...storeNames].sort());
  });
  try {
    await action();
    await saveRetentionDays(db, 30);
    await marker;
    return announced;
  } finally {
    unsubscribe();
  }
}

/** The stores whose records differ between two snapshots, but for the marker's. */
function storesThatDiffer(before: DatabaseSnapshot, after: DatabaseSnapshot): StoreName[] {
  const differ = (name: StoreName) => JSON.stringify(before[name] ?? {}) !== JSON.stringify(after[name] ?? {});
  return ALL_STORES.filter((name) => name !== markerStore && differ(name)).sort();
}

function detectionEvent(projectId: string): DetectionEvent {
  return {
    projectId,
    timestampMs: Date.UTC(2026, 0, 1),
    modelVersion: 1,
    source: 'camera',
    isAnomalous: false,
    confidence: 0.9,
    anomalyScore: 0.2,
    labelAreas: [],
    latencyMs: 40,
    invalid: null,
  };
}

describe('a committed write', () => {
  it('announces the one store it wrote', async () => {
    expect(await announcementsDuring(() => createProject(db, 'widgets'))).toEqual([['projects']]);
  });

  it('announces the store it wrote, not the store it only read in the same transaction', async () => {
    const project = await createProject(db, 'widgets');
    expect(await announcementsDuring(() => appendDetectionEvent(db, detectionEvent(project.id)))).toEqual([['detectionEvents']]);
  });

  it('announces exactly the stores whose records a whole-project import and a project deletion changed', async () => {
    const beforeImport = await snapshotDatabase(db);
    const imported = await announcementsDuring(() => writeNewProject(db, sampleProjectInput('imported')));
    const afterImport = await snapshotDatabase(db);
    expect(imported).toEqual([storesThatDiffer(beforeImport, afterImport)]);
    expect(imported[0]).toEqual(expect.arrayContaining(['projects', 'datasets', 'entries', 'images']));

    const seeded = await seedFullProject(db, 'full');
    const beforeDeletion = await snapshotDatabase(db);
    const deleted = await announcementsDuring(() => deleteProject(db, seeded.id, 'full'));
    const changed = storesThatDiffer(beforeDeletion, await snapshotDatabase(db));
    expect(deleted).toEqual([changed]);
    expect(changed).toEqual(expect.arrayContaining(['modelVersions', 'trialJobs', 'detectionEvents']));
  });

  it('that writes nothing announces nothing', async () => {
    const project = await createProject(db, 'widgets');
    await appendDetectionEvent(db, detectionEvent(project.id));
    // Every event is newer than the cutoff: the transaction only reads.
    expect(await announcementsDuring(() => pruneDetectionEventsBefore(db, 0))).toEqual([]);
  });
});

describe('a write that does not commit announces nothing', () => {
  it('when its work throws after writing (aborted)', async () => {
    const before = await snapshotDatabase(db);
    const announced = await announcementsDuring(async () => {
      const write = writeTransaction(db, ['projects', 'images'], async (transaction) => {
        await transaction.objectStore('images').add({ id: 'written-first', blob: new Blob(['x']) });
        throw new Error('changed my mind');
      });
      await expect(write).rejects.toThrow('changed my mind');
    });
    expect(announced).toEqual([]);
    expect(storesThatDiffer(before, await snapshotDatabase(db))).toEqual([]);
  });

  it('when IndexedDB refuses a request (unique index), after earlier requests were written', async () => {
    await createProject(db, 'taken');
    const before = await snapshotDatabase(db);
    const announced = await announcementsDuring(async () => {
      const write = writeTransaction(db, ['projects', 'images'], async (transaction) => {
        await transaction.objectStore('images').add({ id: 'written-first', blob: new Blob(['x']) });
        await transaction
          .objectStore('projects')
          .add({ id: crypto.randomUUID(), name: 'taken', createdAt: '2026-01-01T00:00:00.000Z', imageSize: null, modelType: null });
      });
      expect(await failureMessage(write)).toMatch(/^The browser's storage failed \(ConstraintError: /);
    });
    expect(announced).toEqual([]);
    expect(storesThatDiffer(before, await snapshotDatabase(db))).toEqual([]);
  });

  it('when the repository refuses the change (a taken project name)', async () => {
    await createProject(db, 'taken');
    const announced = await announcementsDuring(async () => {
      expect(await failureMessage(createProject(db, 'taken'))).toMatch(/taken/);
    });
    expect(announced).toEqual([]);
    expect((await listProjects(db)).map((project) => project.name)).toEqual(['taken']);
  });
});

describe('subscribers', () => {
  it('are called only for the stores they named', async () => {
    const calls = { trialJobs: 0, projects: 0 };
    const unsubscribeTrialJobs = subscribeToStoreChanges(db.name, ['trialJobs', 'trialResults'], () => calls.trialJobs++);
    const unsubscribeProjects = subscribeToStoreChanges(db.name, ['projects'], () => calls.projects++);
    try {
      // One message reaches every subscriber of this database at once, before the marker's.
      await announcementsDuring(() => createProject(db, 'widgets'));
      expect(calls).toEqual({ trialJobs: 0, projects: 1 });
    } finally {
      unsubscribeTrialJobs();
      unsubscribeProjects();
    }
  });

  it('hear only their own database', async () => {
    const otherName = freshDbName();
    const other = await openSpotcheckDb(otherName);
    try {
      expect(await announcementsDuring(() => createProject(other, 'elsewhere'))).toEqual([]);
    } finally {
      await closeSpotcheckDb(otherName);
    }
  });

  it('are not called once they unsubscribed', async () => {
    let calls = 0;
    const unsubscribe = subscribeToStoreChanges(db.name, ['projects'], () => calls++);
    await announcementsDuring(() => createProject(db, 'first'));
    unsubscribe();
    await announcementsDuring(() => createProject(db, 'second'));
    expect(calls).toBe(1);
  });
});

describe('a view reader', () => {
  it('reads the stores it named', async () => {
    await createProject(db, 'widgets');
    const reader = readingOnly(db, ['projects']);
    expect((await listProjects(reader)).map((project) => project.name)).toEqual(['widgets']);
    expect(await reader.count('projects')).toBe(1);
  });

  it('is stopped at once when it uses a store it did not name', async () => {
    const reader = readingOnly(db, ['datasets']);
    expect(() => reader.transaction(['datasets', 'projects'])).toThrow('store "projects" without naming it');
    expect(() => reader.getAll('projects')).toThrow('store "projects" without naming it');
    expect(await failureMessage(createProject(reader, 'unnamed'))).toMatch(/store "projects" without naming it/);
    expect(await listProjects(db)).toEqual([]);
  });
});

it('ALL_STORES names every store of the database', () => {
  expect([...ALL_STORES].sort()).toEqual([...db.objectStoreNames].sort());
});
