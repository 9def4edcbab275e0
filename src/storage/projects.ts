// Project repository: create, rename, list, summarise and delete projects. A delete removes every
// record the project owns, across all stores, in one transaction.
import type { IDBPDatabase } from 'idb';
import { UserFacingError } from '../domain/errors';
import { busyModelStatuses } from '../domain/modelVersionStatus';
import { validateProjectName } from '../domain/projectName';
import { isValidInspectionRegion, isWholePicture, minRegionShare } from '../domain/inspectionRegion';
import type { InspectionRegion } from '../domain/inspectionRegion';
import type { ModelVersion, Project, TrialJob } from '../domain/types';
import { PROJECT_STORES, type SpotcheckDB } from './schema';
import { issueAll, writeTransaction } from './transaction';

export interface ProjectSummary {
  project: Project;
  datasetCount: number;
  imageCount: number;
  labeledCount: number;
  modelCount: number;
}

export function assertValidProjectName(name: string): void {
  const problem = validateProjectName(name);
  if (problem) throw problem;
}

/** Throws `project.nameTaken` unless no project, or only `ownerId`, holds `name` (exact match). */
export async function assertProjectNameFree(
  projectsByName: { getKey(name: string): Promise<string | undefined> },
  name: string,
  ownerId?: string,
): Promise<void> {
  const holderId = await projectsByName.getKey(name);
  if (holderId !== undefined && holderId !== ownerId) throw new UserFacingError('project.nameTaken', { name });
}

function projectNotFound(): UserFacingError {
  return new UserFacingError('project.notFound');
}

function byNameIgnoringCase(a: Project, b: Project): number {
  const [lowerA, lowerB] = [a.name.toLowerCase(), b.name.toLowerCase()];
  if (lowerA !== lowerB) return lowerA < lowerB ? -1 : 1;
  // Names differing only in case still get a stable order.
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** A new, empty project: datasets are added by the datasets feature. */
export async function createProject(db: IDBPDatabase<SpotcheckDB>, name: string): Promise<Project> {
  assertValidProjectName(name);
  const project: Project = {
    id: crypto.randomUUID(),
    name,
    createdAt: new Date().toISOString(),
    imageSize: null,
    modelType: null,
  };
  return writeTransaction(db, ['projects'], async (transaction) => {
    const projects = transaction.objectStore('projects');
    await assertProjectNameFree(projects.index('by-name'), name);
    await projects.add(project);
    return project;
  });
}

export async function renameProject(db: IDBPDatabase<SpotcheckDB>, id: string, newName: string): Promise<Project> {
  assertValidProjectName(newName);
  return writeTransaction(db, ['projects'], async (transaction) => {
    const projects = transaction.objectStore('projects');
    const project = await projects.get(id);
    if (!project) throw projectNotFound();
    if (project.name === newName) return project;
    await assertProjectNameFree(projects.index('by-name'), newName, id);
    const renamed: Project = { ...project, name: newName };
    await projects.put(renamed);
    return renamed;
  });
}

/**
 * Sets the region of interest the project's next models are trained with (null = the whole picture).
 * A region outside the picture or under `minRegionShare` of a side is refused and nothing changes.
 */
export async function setProjectRegion(db: IDBPDatabase<SpotcheckDB>, id: string, region: InspectionRegion | null): Promise<Project> {
  if (region !== null && !isValidInspectionRegion(region)) throw new UserFacingError('project.regionInvalid', { min: Math.round(minRegionShare * 100) });
  return writeTransaction(db, ['projects'], async (transaction) => {
    const projects = transaction.objectStore('projects');
    const project = await projects.get(id);
    if (!project) throw projectNotFound();
    const { region: _previous, ...rest } = project;
    const updated: Project = region === null || isWholePicture(region) ? rest : { ...rest, region: { ...region } };
    await projects.put(updated);
    return updated;
  });
}

/** Sorted by name, ignoring case. */
export async function listProjects(db: IDBPDatabase<SpotcheckDB>): Promise<Project[]> {
  return (await db.getAll('projects')).sort(byNameIgnoringCase);
}

export async function getProject(db: IDBPDatabase<SpotcheckDB>, id: string): Promise<Project> {
  const project = await db.get('projects', id);
  if (!project) throw projectNotFound();
  return project;
}

export function findProjectByName(db: IDBPDatabase<SpotcheckDB>, name: string): Promise<Project | undefined> {
  return db.getFromIndex('projects', 'by-name', name);
}

/** Counts for the project list, from dataset ImageStats and index counts: no entry or Blob is read. */
export async function projectSummaries(db: IDBPDatabase<SpotcheckDB>): Promise<ProjectSummary[]> {
  const transaction = db.transaction(['projects', 'datasets', 'modelVersions']);
  const [projects, datasets] = await Promise.all([transaction.objectStore('projects').getAll(), transaction.objectStore('datasets').getAll()]);
  const modelsByProject = transaction.objectStore('modelVersions').index('by-project');
  const modelCounts = await Promise.all(projects.map((project) => modelsByProject.count(project.id)));
  const modelCountById = new Map(projects.map((project, i) => [project.id, modelCounts[i] ?? 0]));

  return projects.sort(byNameIgnoringCase).map((project) => {
    const own = datasets.filter((dataset) => dataset.projectId === project.id);
    return {
      project,
      datasetCount: own.length,
      imageCount: own.reduce((sum, dataset) => sum + dataset.imageStats.Total, 0),
      labeledCount: own.reduce((sum, dataset) => sum + dataset.imageStats.Labeled, 0),
      modelCount: modelCountById.get(project.id) ?? 0,
    };
  });
}

/** The error naming what keeps `project` from being deleted, or null when nothing runs. */
function busyError(project: Project, modelVersions: ModelVersion[], trialJobs: TrialJob[]): UserFacingError | null {
  const activeModel = modelVersions.find((version) => busyModelStatuses.has(version.status));
  if (activeModel) {
    return new UserFacingError('project.busy', {
      context: activeModel.status,
      name: project.name,
      version: activeModel.version,
    });
  }
  const runningJob = trialJobs.find((job) => job.status === 'RUNNING');
  if (runningJob) {
    return new UserFacingError('project.busy', { context: 'trialJob', name: project.name, job: runningJob.name });
  }
  return null;
}

/**
 * Deletes the project and everything it owns (datasets, entries, image/thumbnail/mask Blobs, labels,
 * model versions and artifacts, trial jobs and results, detection events), all or nothing.
 * `typedConfirmation` must be the project's name (so the user confirms which project goes);
 * refused while a model or trial job is active.
 */
export async function deleteProject(db: IDBPDatabase<SpotcheckDB>, id: string, typedConfirmation: string): Promise<void> {
  await writeTransaction(db, PROJECT_STORES, async (transaction) => {
    const store = transaction.objectStore.bind(transaction);
    const project = await store('projects').get(id);
    if (!project) throw projectNotFound();
    if (typedConfirmation.trim() !== project.name) {
      throw new UserFacingError('project.deleteConfirmationMismatch', { name: project.name });
    }

    // Read and delete in the same transaction, so nothing can start in between.
    const [modelVersions, trialJobs, entries, datasetIds, labelIds, eventIds] = await Promise.all([
      store('modelVersions').index('by-project').getAll(id),
      store('trialJobs').index('by-project').getAll(id),
      store('entries').index('by-project').getAll(id),
      store('datasets').index('by-project').getAllKeys(id),
      store('anomalyLabels').index('by-project').getAllKeys(id),
      store('detectionEvents').index('by-project').getAllKeys(id),
    ]);
    const busy = busyError(project, modelVersions, trialJobs);
    if (busy) throw busy;

    const [artifactIdsPerModel, resultsPerJob] = await Promise.all([
      Promise.all(modelVersions.map((version) => store('modelArtifacts').index('by-model').getAllKeys(version.id))),
      Promise.all(trialJobs.map((job) => store('trialResults').index('by-job').getAll(job.id))),
    ]);
    const trialResults = resultsPerJob.flat();
    // Entries and trial results both point at Blobs; a thumbnail shares its image's id.
    const blobOwners = [...entries, ...trialResults];

    await issueAll([
      ...entries.map((entry) => () => store('entries').delete(entry.id)),
      ...trialResults.map((result) => () => store('trialResults').delete(result.id)),
      ...blobOwners.map((owner) => () => store('images').delete(owner.imageId)),
      ...blobOwners.map((owner) => () => store('thumbnails').delete(owner.imageId)),
      ...blobOwners.flatMap(({ maskId }) => (maskId ? [() => store('masks').delete(maskId)] : [])),
      ...artifactIdsPerModel.flat().map((artifactId) => () => store('modelArtifacts').delete(artifactId)),
      ...modelVersions.map((version) => () => store('modelVersions').delete(version.id)),
      ...trialJobs.map((job) => () => store('trialJobs').delete(job.id)),
      ...datasetIds.map((datasetId) => () => store('datasets').delete(datasetId)),
      ...labelIds.map((labelId) => () => store('anomalyLabels').delete(labelId)),
      ...eventIds.map((eventId) => () => store('detectionEvents').delete(eventId)),
      () => store('projects').delete(id),
    ]);
  });
}
