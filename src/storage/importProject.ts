// Writes a complete new project (records and Blobs) in one transaction. Used by "Create demo
// project" and by ZIP re-import: either the whole project appears or nothing does.
import type { IDBPDatabase } from 'idb';
import { contentHash } from '../domain/contentHash';
import type { AnomalyLabel, Dataset, DatasetEntry, Project } from '../domain/types';
import { computeImageStats } from './datasets';
import { newLabelRecords, resolveLabelIds } from './labels';
import type { NewProjectEntry, NewProjectInput } from './newProject';
import { validateNewProject } from './newProjectValidation';
import { assertProjectNameFree } from './projects';
import type { BlobRecord, SpotcheckDB } from './schema';
import { issueAll, writeTransaction } from './transaction';

type HashedProjectInput = Omit<NewProjectInput, 'datasets'> & {
  datasets: { type: NewProjectInput['datasets'][number]['type']; entries: (NewProjectEntry & { contentHash: string })[] }[];
};

interface NewProjectRecords {
  project: Project;
  datasets: Dataset[];
  labels: AnomalyLabel[];
  entries: DatasetEntry[];
  images: BlobRecord[];
  thumbnails: BlobRecord[];
  masks: BlobRecord[];
}

/**
 * The input with every image's content hash (the demo's generated images come without one), so later imports,
 * trial additions and captures recognise these pictures (content identity, issue 15).
 */
async function withContentHashes(input: NewProjectInput): Promise<HashedProjectInput> {
  const datasets = await Promise.all(
    input.datasets.map(async (dataset) => ({
      ...dataset,
      entries: await Promise.all(
        dataset.entries.map(async (entry) => ({ ...entry, contentHash: entry.contentHash ?? (await contentHash(await entry.image.arrayBuffer())) })),
      ),
    })),
  );
  return { ...input, datasets };
}

/** Every record, ids included, built before the transaction opens so it awaits only IndexedDB. */
function buildRecords(input: HashedProjectInput): NewProjectRecords {
  const createdAt = new Date().toISOString();
  const project: Project = {
    id: crypto.randomUUID(),
    name: input.name,
    createdAt,
    imageSize: { width: input.imageSize.width, height: input.imageSize.height },
    modelType: input.modelType,
  };
  const labels = newLabelRecords(project.id, [], input.labels);
  const labelIdByName = new Map(labels.map((label) => [label.name.toLowerCase(), label.id]));
  const records: NewProjectRecords = {
    project,
    datasets: [],
    labels,
    entries: [],
    images: [],
    thumbnails: [],
    masks: [],
  };

  for (const { type, entries } of input.datasets) {
    const dataset: Dataset = {
      id: crypto.randomUUID(),
      projectId: project.id,
      type,
      status: 'CREATE_COMPLETE',
      statusMessage: '',
      createdAt,
      imageStats: computeImageStats(entries),
    };
    records.datasets.push(dataset);
    for (const entry of entries) {
      const imageId = crypto.randomUUID();
      const mask = entry.mask ? { id: crypto.randomUUID(), blob: entry.mask } : null;
      records.images.push({ id: imageId, blob: entry.image });
      if (entry.thumbnail) records.thumbnails.push({ id: imageId, blob: entry.thumbnail });
      if (mask) records.masks.push(mask);
      records.entries.push({
        id: crypto.randomUUID(),
        datasetId: dataset.id,
        projectId: project.id,
        sourceRef: entry.sourceRef,
        imageId,
        contentHash: entry.contentHash,
        width: entry.width,
        height: entry.height,
        classification: entry.classification,
        humanAnnotated: entry.humanAnnotated ?? false,
        createdAt: entry.createdAt ?? createdAt,
        jobName: entry.jobName ?? '',
        // Validation guarantees every name resolves.
        anomalyLabelIds: resolveLabelIds(entry.labelNames, labelIdByName),
        maskId: mask?.id ?? null,
      });
    }
  }
  return records;
}

/** Validates `input`, then stores it as a new project; throws a UserFacingError naming what is wrong. */
export async function writeNewProject(db: IDBPDatabase<SpotcheckDB>, input: NewProjectInput): Promise<Project> {
  validateNewProject(input);
  // Hashed before the transaction opens: awaiting anything but IndexedDB inside it would let it commit early.
  const records = buildRecords(await withContentHashes(input));
  const stores = ['projects', 'datasets', 'anomalyLabels', 'entries', 'images', 'thumbnails', 'masks'] as const;
  return writeTransaction(db, stores, async (transaction) => {
    const store = transaction.objectStore.bind(transaction);
    await assertProjectNameFree(store('projects').index('by-name'), input.name);
    // `add`, not `put`: a clash with an existing key must fail the write, never overwrite.
    await issueAll([
      () => store('projects').add(records.project),
      ...records.datasets.map((dataset) => () => store('datasets').add(dataset)),
      ...records.labels.map((label) => () => store('anomalyLabels').add(label)),
      ...records.images.map((image) => () => store('images').add(image)),
      ...records.thumbnails.map((thumbnail) => () => store('thumbnails').add(thumbnail)),
      ...records.masks.map((mask) => () => store('masks').add(mask)),
      ...records.entries.map((entry) => () => store('entries').add(entry)),
    ]);
    return records.project;
  });
}
