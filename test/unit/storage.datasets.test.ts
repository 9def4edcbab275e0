// Datasets on a real (in-memory) IndexedDB: creating one of each type, deleting with the typed
// confirmation (entries and Blobs go, model versions stay), and the single/separate layouts.
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { datasetConfiguration, type DatasetConfiguration } from '../../src/domain/datasetConfiguration';
import type { DatasetType } from '../../src/domain/types';
import { createDataset, deleteDataset, listDatasets } from '../../src/storage/datasets';
import { createProject } from '../../src/storage/projects';
import type { SpotcheckDB } from '../../src/storage/schema';
import { seedFullProject } from '../fixtures/sampleProject';
import { failureMessage, snapshotDatabase, storeInconsistencies, withoutRecordsOf, useFreshDatabase } from '../fixtures/storageTestKit';

let db: IDBPDatabase<SpotcheckDB>;
useFreshDatabase((opened) => (db = opened));

async function configurationOf(projectId: string): Promise<DatasetConfiguration> {
  return datasetConfiguration(await listDatasets(db, projectId));
}

async function datasetOfType(projectId: string, type: DatasetType) {
  const dataset = (await listDatasets(db, projectId)).find((candidate) => candidate.type === type);
  if (!dataset) throw new Error(`no ${type} dataset`);
  return dataset;
}

describe('datasetConfiguration', () => {
  it.each<[DatasetType[], DatasetConfiguration]>([
    [[], 'none'],
    [['train'], 'single'],
    [['train', 'test'], 'separate'],
    [['test', 'train'], 'separate'],
    [['test'], 'testOnly'],
  ])('%j is %s', (types, expected) => {
    expect(datasetConfiguration(types.map((type) => ({ type })))).toBe(expected);
  });
});

describe('createDataset', () => {
  it('creates an empty dataset with CREATE_COMPLETE and zero counts', async () => {
    const project = await createProject(db, 'parts');
    const dataset = await createDataset(db, project.id, 'train');
    expect(dataset).toEqual({
      id: expect.any(String),
      projectId: project.id,
      type: 'train',
      status: 'CREATE_COMPLETE',
      statusMessage: '',
      createdAt: expect.stringMatching(/Z$/),
      imageStats: { Total: 0, Labeled: 0, Normal: 0, Anomaly: 0 },
    });
    expect(await listDatasets(db, project.id)).toEqual([dataset]);
  });

  it('follows spec §1.1: single, then separate when a test dataset is added', async () => {
    const project = await createProject(db, 'parts');
    expect(await configurationOf(project.id)).toBe('none');
    await createDataset(db, project.id, 'train');
    expect(await configurationOf(project.id)).toBe('single');
    await createDataset(db, project.id, 'test');
    expect(await configurationOf(project.id)).toBe('separate');
  });

  it('refuses a second dataset of a type, saying how to replace it, and writes nothing', async () => {
    const project = await createProject(db, 'parts');
    await createDataset(db, project.id, 'test');
    const before = await snapshotDatabase(db);
    expect(await failureMessage(createDataset(db, project.id, 'test'))).toBe(
      'This project already has a test dataset. To replace it, delete it first, then create a new one.',
    );
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('refuses a project that no longer exists and writes nothing', async () => {
    const before = await snapshotDatabase(db);
    expect(await failureMessage(createDataset(db, crypto.randomUUID(), 'train'))).toBe(
      'This project no longer exists. It may have been deleted in another tab.',
    );
    expect(await snapshotDatabase(db)).toEqual(before);
  });
});

describe('deleteDataset', () => {
  it('removes the dataset, its entries and their image, thumbnail and mask Blobs, and nothing else', async () => {
    const project = await seedFullProject(db, 'parts');
    const other = await seedFullProject(db, 'other');
    const test = await datasetOfType(project.id, 'test');
    const before = await snapshotDatabase(db);
    const testEntries = await db.getAllFromIndex('entries', 'by-dataset', test.id);

    await deleteDataset(db, test.id, 'delete');

    const after = await snapshotDatabase(db);
    const removed = withoutRecordsOf(before, after);
    expect(Object.keys(removed.datasets ?? {})).toEqual([JSON.stringify(test.id)]);
    expect(Object.keys(removed.entries ?? {}).sort()).toEqual(testEntries.map((entry) => JSON.stringify(entry.id)).sort());
    expect(Object.keys(removed.images ?? {}).sort()).toEqual(testEntries.map((entry) => JSON.stringify(entry.imageId)).sort());
    expect(Object.keys(removed.masks ?? {})).toEqual([JSON.stringify(testEntries.find((entry) => entry.maskId)!.maskId)]);
    // Model versions, labels, trials and events of both projects, and everything of `other`, stay as they were.
    for (const store of ['projects', 'anomalyLabels', 'modelVersions', 'modelArtifacts', 'trialJobs', 'trialResults', 'detectionEvents', 'settings']) {
      expect(after[store], store).toEqual(before[store]);
    }
    expect(await db.countFromIndex('entries', 'by-project', other.id)).toBe(6);
    expect(await configurationOf(project.id)).toBe('single');
    expect(await storeInconsistencies(db)).toEqual([]);
  });

  it('leaves the test dataset when train is deleted, and training disabled (testOnly), then none', async () => {
    const project = await seedFullProject(db, 'parts');
    await deleteDataset(db, (await datasetOfType(project.id, 'train')).id, ' delete ');
    expect(await configurationOf(project.id)).toBe('testOnly');
    expect((await datasetOfType(project.id, 'test')).imageStats.Total).toBe(2);
    await deleteDataset(db, (await datasetOfType(project.id, 'test')).id, 'delete');
    expect(await configurationOf(project.id)).toBe('none');
    expect(await db.count('entries')).toBe(0);
    expect(await storeInconsistencies(db)).toEqual([]);
  });

  it('allows replacing a dataset: delete it, then create a new one of the same type', async () => {
    const project = await seedFullProject(db, 'parts');
    await deleteDataset(db, (await datasetOfType(project.id, 'train')).id, 'delete');
    const replacement = await createDataset(db, project.id, 'train');
    expect(replacement.imageStats.Total).toBe(0);
    expect(await configurationOf(project.id)).toBe('separate');
  });

  it.each(['', 'Delete', 'parts', 'delete it'])('refuses the confirmation %j and deletes nothing', async (typed) => {
    const project = await seedFullProject(db, 'parts');
    const train = await datasetOfType(project.id, 'train');
    const before = await snapshotDatabase(db);
    expect(await failureMessage(deleteDataset(db, train.id, typed))).toBe('Type delete to confirm. Nothing was deleted.');
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('is refused while a model version of the project is training, and deletes nothing', async () => {
    const project = await seedFullProject(db, 'parts', { modelStatus: 'TRAINING' });
    const train = await datasetOfType(project.id, 'train');
    const before = await snapshotDatabase(db);
    expect(await failureMessage(deleteDataset(db, train.id, 'delete'))).toBe(
      'The training dataset cannot be deleted while Model 1 is training. Let the training finish or cancel it, then try again.',
    );
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('is allowed while a model version is running: models keep what they were trained on', async () => {
    const project = await seedFullProject(db, 'parts', { modelStatus: 'HOSTED' });
    const versionsBefore = await db.getAll('modelVersions');
    await deleteDataset(db, (await datasetOfType(project.id, 'train')).id, 'delete');
    expect(await db.getAll('modelVersions')).toEqual(versionsBefore);
  });

  it('refuses a dataset that no longer exists', async () => {
    const before = await snapshotDatabase(db);
    expect(await failureMessage(deleteDataset(db, crypto.randomUUID(), 'delete'))).toBe(
      'This dataset no longer exists. It may have been deleted in another tab.',
    );
    expect(await snapshotDatabase(db)).toEqual(before);
  });
});
