// A whole project in and out of IndexedDB for the project bundle (src/domain/projectBundle.ts): every
// record of the project read in one transaction (Blobs are handles, not bytes, until the zip reads them),
// and a bundle's records written in one transaction — all or nothing. A bundle whose project name is
// taken is refused with `projectBundle.duplicate` unless it is imported as a copy under a new name; the
// copy (and any bundle whose ids already exist here) gets fresh ids throughout.
import type { IDBPDatabase } from 'idb';
import { bundleStores, withFreshIds, type BundleRecords } from '../domain/projectBundle';
import { UserFacingError } from '../domain/errors';
import type { Project } from '../domain/types';
import { assertValidProjectName } from './projects';
import type { SpotcheckDB } from './schema';
import { writeTransaction } from './transaction';

const readStores = [...bundleStores] as const;

export async function readProjectRecords(db: IDBPDatabase<SpotcheckDB>, projectId: string, includeTrials: boolean): Promise<BundleRecords> {
  const transaction = db.transaction(readStores, 'readonly');
  const store = transaction.objectStore.bind(transaction);
  const project = await store('projects').get(projectId);
  if (!project) throw new UserFacingError('project.notFound');
  const [anomalyLabels, datasets, entries, modelVersions, trialJobs] = await Promise.all([
    store('anomalyLabels').index('by-project').getAll(projectId),
    store('datasets').index('by-project').getAll(projectId),
    store('entries').index('by-project').getAll(projectId),
    store('modelVersions').index('by-project').getAll(projectId),
    includeTrials ? store('trialJobs').index('by-project').getAll(projectId) : Promise.resolve([]),
  ]);
  const modelArtifacts = (await Promise.all(modelVersions.map((version) => store('modelArtifacts').index('by-model').getAll(version.id)))).flat();
  const trialResults = (await Promise.all(trialJobs.map((job) => store('trialResults').index('by-job').getAll(job.id)))).flat();
  const imageIds = [...new Set([...entries, ...trialResults].map((record) => record.imageId))];
  const maskIds = [...new Set([...entries, ...trialResults].flatMap((record) => (record.maskId ? [record.maskId] : [])))];
  const present = <T>(records: (T | undefined)[]) => records.filter((record): record is T => record !== undefined);
  const [images, thumbnails, masks] = await Promise.all([
    Promise.all(imageIds.map((id) => store('images').get(id))).then(present),
    Promise.all(imageIds.map((id) => store('thumbnails').get(id))).then(present),
    Promise.all(maskIds.map((id) => store('masks').get(id))).then(present),
  ]);
  await transaction.done;
  const records = { projects: [project], anomalyLabels, datasets, entries, images, thumbnails, masks, modelVersions, modelArtifacts, trialJobs, trialResults };
  return records as unknown as BundleRecords;
}

/**
 * Writes a read bundle as a new project. `copyName`: import as a copy under that name (fresh ids). A
 * hosting status (the model was running when exported) comes back as TRAINED: nothing runs here yet.
 */
export async function writeProjectRecords(db: IDBPDatabase<SpotcheckDB>, bundle: BundleRecords, copyName?: string): Promise<Project> {
  const original = bundle.projects[0] as unknown as Project | undefined;
  if (!original || bundle.projects.length !== 1) throw new UserFacingError('projectBundle.damaged', { file: '', part: 'records/projects.json' });
  const name = copyName ?? original.name;
  if (copyName !== undefined) assertValidProjectName(copyName);
  const idTaken = (await db.getKey('projects', original.id)) !== undefined;
  const records = copyName !== undefined || idTaken ? withFreshIds(bundle, () => crypto.randomUUID()) : bundle;
  return writeTransaction(db, readStores, async (transaction) => {
    const projects = transaction.objectStore('projects');
    if ((await projects.index('by-name').getKey(name)) !== undefined) {
      throw new UserFacingError(copyName === undefined ? 'projectBundle.duplicate' : 'project.nameTaken', { name });
    }
    for (const store of bundleStores) {
      for (const record of records[store]) {
        const value = store === 'projects' ? { ...record, name } : store === 'modelVersions' ? restingVersion(record) : record;
        // add, not put: a record that exists already aborts the whole import instead of overwriting it.
        await transaction.objectStore(store).add(value as never);
      }
    }
    return (await projects.get(records.projects[0]!.id as string))!;
  });
}

const hostingStatuses = new Set(['STARTING_HOSTING', 'HOSTED', 'STOPPING_HOSTING', 'HOSTING_FAILED']);

function restingVersion(record: Record<string, unknown>): Record<string, unknown> {
  return hostingStatuses.has(record.status as string) ? { ...record, status: 'TRAINED', statusMessage: '' } : record;
}
