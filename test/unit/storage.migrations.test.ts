// Schema migrations on a real (in-memory) IndexedDB: the fresh schema, and the upgrade of databases
// written by schemas v1, v2 and v3 with every record (Blobs included) kept, and v3 trial results moved to
// the one prediction type.
import { openDB, type IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSpotcheckDb, openSpotcheckDb } from '../../src/storage/db';
import { applyMigrations, migrations } from '../../src/storage/migrations';
import { SCHEMA_VERSION, type SpotcheckDB } from '../../src/storage/schema';
import { listEntries } from '../../src/storage/datasets';
import v1Fixture from '../fixtures/spotcheck-db-v1.json';
import v2Fixture from '../fixtures/spotcheck-db-v2.json';
import v3Fixture from '../fixtures/spotcheck-db-v3.json';
import { type DatabaseFixture, fixtureAsSnapshot, freshDbName, loadFixture, snapshotDatabase } from '../fixtures/storageTestKit';

interface IndexShape {
  keyPath: string | string[];
  unique: boolean;
}
interface StoreShape {
  keyPath: string | null;
  autoIncrement: boolean;
  indexes: Record<string, IndexShape>;
}

const byProject: IndexShape = { keyPath: 'projectId', unique: false };
const blobStore: StoreShape = { keyPath: 'id', autoIncrement: false, indexes: {} };

const expectedSchema: Record<string, StoreShape> = {
  projects: { keyPath: 'id', autoIncrement: false, indexes: { 'by-name': { keyPath: 'name', unique: true } } },
  datasets: {
    keyPath: 'id',
    autoIncrement: false,
    indexes: { 'by-project': byProject, 'by-project-type': { keyPath: ['projectId', 'type'], unique: true } },
  },
  entries: {
    keyPath: 'id',
    autoIncrement: false,
    indexes: {
      'by-dataset': { keyPath: 'datasetId', unique: false },
      'by-project': byProject,
      'by-dataset-sourceRef': { keyPath: ['datasetId', 'sourceRef'], unique: true },
      'by-dataset-hash': { keyPath: ['datasetId', 'contentHash'], unique: false },
      'by-label': { keyPath: 'anomalyLabelIds', unique: false },
    },
  },
  images: blobStore,
  thumbnails: blobStore,
  masks: blobStore,
  anomalyLabels: { keyPath: 'id', autoIncrement: false, indexes: { 'by-project': byProject } },
  modelVersions: {
    keyPath: 'id',
    autoIncrement: false,
    indexes: { 'by-project': byProject, 'by-project-version': { keyPath: ['projectId', 'version'], unique: true } },
  },
  modelArtifacts: { keyPath: 'id', autoIncrement: false, indexes: { 'by-model': { keyPath: 'modelVersionId', unique: false } } },
  trialJobs: { keyPath: 'id', autoIncrement: false, indexes: { 'by-project': byProject } },
  trialResults: { keyPath: 'id', autoIncrement: false, indexes: { 'by-job': { keyPath: 'jobId', unique: false } } },
  detectionEvents: {
    keyPath: 'id',
    autoIncrement: true,
    indexes: { 'by-project': byProject, 'by-project-time': { keyPath: ['projectId', 'timestampMs'], unique: false } },
  },
  settings: { keyPath: null, autoIncrement: false, indexes: {} },
};

/** Index names per store: enough to see what a version lacks. */
function indexNames(schema: Record<string, StoreShape>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(schema).map(([store, shape]) => [store, Object.keys(shape.indexes).sort()]));
}

function describeSchema(db: IDBPDatabase<SpotcheckDB>): Record<string, StoreShape> {
  const storeNames = [...db.objectStoreNames];
  const transaction = db.transaction(storeNames, 'readonly');
  return Object.fromEntries(
    storeNames.map((name) => {
      const store = transaction.objectStore(name);
      const indexes = Object.fromEntries(
        [...store.indexNames].map((indexName) => {
          const index = store.index(indexName);
          return [indexName, { keyPath: index.keyPath as string | string[], unique: index.unique }];
        }),
      );
      return [name, { keyPath: store.keyPath as string | null, autoIncrement: store.autoIncrement, indexes }];
    }),
  );
}

/** A database as released schema version `version` created it, through the real migrations. */
function openAtVersion(name: string, version: number): Promise<IDBPDatabase<SpotcheckDB>> {
  return openDB<SpotcheckDB>(name, version, {
    upgrade: (db, oldVersion, _newVersion, transaction) => applyMigrations(db, oldVersion, version, transaction),
  });
}

const openedNames: string[] = [];
async function openFresh(name = freshDbName()): Promise<IDBPDatabase<SpotcheckDB>> {
  openedNames.push(name);
  return openSpotcheckDb(name);
}

afterEach(async () => {
  await Promise.all(openedNames.splice(0).map((name) => closeSpotcheckDb(name)));
});

describe('schema migrations', () => {
  it('are numbered 1, 2, … up to SCHEMA_VERSION with no gap', () => {
    expect(migrations.map((migration) => migration.toVersion)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it('create exactly the expected stores and indexes in a new database', async () => {
    const db = await openFresh();
    expect(db.version).toBe(SCHEMA_VERSION);
    expect(describeSchema(db)).toEqual(expectedSchema);
  });

  it('v1 lacks the thumbnails store and the by-project-time index (the upgrade path is real)', async () => {
    const name = freshDbName();
    const db = await openAtVersion(name, 1);
    const schema = describeSchema(db);
    db.close();
    expect(Object.keys(schema)).not.toContain('thumbnails');
    expect(Object.keys(schema.detectionEvents?.indexes ?? {})).toEqual(['by-project']);
    expect(Object.keys(schema).sort()).toEqual(
      Object.keys(expectedSchema)
        .filter((store) => store !== 'thumbnails')
        .sort(),
    );
  });

  it('v2 lacks the entry indexes by content hash and by label (the upgrade path is real)', async () => {
    const db = await openAtVersion(freshDbName(), 2);
    const schema = describeSchema(db);
    db.close();
    expect(Object.keys(schema).sort()).toEqual(Object.keys(expectedSchema).sort());
    expect(schema.entries?.indexes).not.toHaveProperty('by-dataset-hash');
    expect(schema.entries?.indexes).not.toHaveProperty('by-label');
    // Every other store already had its current indexes.
    expect({ ...indexNames(schema), entries: [] }).toEqual({ ...indexNames(expectedSchema), entries: [] });
  });

  // When SCHEMA_VERSION goes up, add spotcheck-db-v<previous>.json (written by the previous
  // migrations) and the same test for it; keep these, so every old version's path is tested.
  it('upgrades a v1 database to the current version keeping every record and Blob', async () => {
    const fixture = v1Fixture as DatabaseFixture;
    expect(fixture.schemaVersion).toBe(1);
    const name = freshDbName();
    const v1 = await openAtVersion(name, 1);
    await loadFixture(v1, fixture);
    const expected = fixtureAsSnapshot(fixture, v1);
    v1.close();

    const db = await openFresh(name);
    expect(db.version).toBe(SCHEMA_VERSION);
    expect(describeSchema(db)).toEqual(expectedSchema);
    expect(await snapshotDatabase(db)).toEqual({ ...expected, thumbnails: {} });

    const [image] = fixture.stores.images as { id: string }[];
    const storedImage = await db.get('images', image!.id);
    expect(storedImage?.blob).toBeInstanceOf(Blob);
    expect(storedImage?.blob.type).toBe('image/png');
    // PNG signature: the bytes are the real file, not a placeholder.
    expect([...new Uint8Array(await storedImage!.blob.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('makes the new store and index usable on upgraded data', async () => {
    const fixture = v1Fixture as DatabaseFixture;
    const name = freshDbName();
    const v1 = await openAtVersion(name, 1);
    await loadFixture(v1, fixture);
    v1.close();
    const db = await openFresh(name);

    const [project] = fixture.stores.projects as { id: string }[];
    const projectId = project!.id;
    const lastTwoMinutes = IDBKeyRange.bound([projectId, 1795000060000], [projectId, 1795000120000]);
    const events = await db.getAllFromIndex('detectionEvents', 'by-project-time', lastTwoMinutes);
    expect(events.map((event) => event.id)).toEqual([2, 3]);

    // New events continue the v1 key generator instead of overwriting old ones.
    const newId = await db.add('detectionEvents', {
      projectId,
      timestampMs: 1795000180000,
      modelVersion: 1,
      source: 'camera',
      isAnomalous: false,
      confidence: 0.9,
      anomalyScore: 0.1,
      labelAreas: [],
      latencyMs: 40,
      invalid: null,
    });
    expect(newId).toBe(4);

    const [entryImage] = fixture.stores.images as { id: string }[];
    const thumbnail = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/webp' });
    await db.put('thumbnails', { id: entryImage!.id, blob: thumbnail });
    const stored = await db.get('thumbnails', entryImage!.id);
    expect(new Uint8Array(await stored!.blob.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('upgrades a v2 database to the current version keeping every record, thumbnail and mask Blob', async () => {
    const fixture = v2Fixture as DatabaseFixture;
    expect(fixture.schemaVersion).toBe(2);
    const name = freshDbName();
    const v2 = await openAtVersion(name, 2);
    await loadFixture(v2, fixture);
    const expected = fixtureAsSnapshot(fixture, v2);
    v2.close();

    const db = await openFresh(name);
    expect(db.version).toBe(SCHEMA_VERSION);
    expect(describeSchema(db)).toEqual(expectedSchema);
    expect(await snapshotDatabase(db)).toEqual(expected);

    const [thumbnail] = fixture.stores.thumbnails as { id: string }[];
    const storedThumbnail = await db.get('thumbnails', thumbnail!.id);
    expect([...new Uint8Array(await storedThumbnail!.blob.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('keeps listing v2 entries that have no content hash, and indexes their labels', async () => {
    const fixture = v2Fixture as DatabaseFixture;
    const name = freshDbName();
    const v2 = await openAtVersion(name, 2);
    await loadFixture(v2, fixture);
    v2.close();
    const db = await openFresh(name);

    const [train] = fixture.stores.datasets as { id: string }[];
    const listed = await listEntries(db, train!.id);
    expect(listed.map((entry) => entry.sourceRef)).toEqual(['anomaly/gasket-02.png', 'extra/gasket-03.png', 'normal/gasket-01.png']);
    expect(listed.every((entry) => entry.contentHash === undefined)).toBe(true);
    // Entries without a hash are simply absent from the hash index.
    const wholeDataset = IDBKeyRange.bound([train!.id], [train!.id, []]);
    expect(await db.countFromIndex('entries', 'by-dataset-hash', wholeDataset)).toBe(0);

    const [tear, bubble] = fixture.stores.anomalyLabels as { id: string }[];
    expect(await db.countFromIndex('entries', 'by-label', tear!.id)).toBe(1);
    expect(await db.countFromIndex('entries', 'by-label', bubble!.id)).toBe(2);
  });

  it('upgrades a v3 database: trial predictions get score, threshold and label areas by label index, all else kept', async () => {
    const fixture = v3Fixture as DatabaseFixture;
    expect(fixture.schemaVersion).toBe(3);
    const name = freshDbName();
    const v3 = await openAtVersion(name, 3);
    await loadFixture(v3, fixture);
    const expected = fixtureAsSnapshot(fixture, v3);
    v3.close();

    const db = await openFresh(name);
    expect(db.version).toBe(SCHEMA_VERSION);
    const snapshot = await snapshotDatabase(db);
    expect({ ...snapshot, trialResults: {} }).toEqual({ ...expected, trialResults: {} });

    const [judged, normal] = fixture.stores.trialResults as { id: string; prediction: Record<string, unknown> }[];
    const [tear] = fixture.stores.anomalyLabels as { id: string; index: number }[];
    const migrated = await db.get('trialResults', judged!.id);
    // "Tear" was matched to the label "tear" by name when recorded: it keeps that label's index; "porosity"
    // matched no project label (its pixels were background in the stored mask) and is dropped.
    expect(migrated?.prediction).toEqual({
      isAnomalous: true,
      confidence: 0.93,
      score: 0.81,
      threshold: 0.5,
      labelAreas: [{ index: tear!.index, name: 'Tear', area: 0.0625 }],
      labelIds: [tear!.id],
      latencyMs: 48,
    });
    const { prediction: _old, ...kept } = expected.trialResults![JSON.stringify(judged!.id)] as Record<string, unknown>;
    expect(migrated).toEqual({ ...kept, prediction: migrated!.prediction });
    expect((await db.get('trialResults', normal!.id))?.prediction).toEqual({
      isAnomalous: false,
      confidence: 0.88,
      score: 0.2,
      threshold: 0.5,
      labelAreas: [],
      labelIds: [],
      latencyMs: 41,
    });
  });
});
