// Detection events repository (contract 3): the camera and file detections append one event each (the
// camera in batches); the dashboard reads per-project activity over a time range, bucketed, straight from the
// by-project-time index in bounded chunks (never the whole store at once); old events are pruned
// by a retention setting kept in the settings store.
import type { IDBPDatabase, IDBPIndex } from 'idb';
import { UserFacingError } from '../domain/errors';
import type { DetectionEvent } from '../domain/types';
import type { SpotcheckDB } from './schema';
import { issueAll, writeTransaction } from './transaction';

/** Records read per request while aggregating: bounds memory whatever the range holds. */
const readChunkSize = 2_000;
const retentionSettingKey = 'detectionRetentionDays';
const dayMs = 24 * 60 * 60 * 1000;

/** Spec §7: invalid events count as neither images processed nor anomalies. */
export interface ActivityCounts {
  imagesProcessed: number;
  anomalies: number;
  invalid: number;
}

export interface ActivityBucket extends ActivityCounts {
  /** Inclusive start of the bucket, epoch ms; it ends where the next one starts. */
  startMs: number;
}

export interface ProjectActivity extends ActivityCounts {
  projectId: string;
  buckets: ActivityBucket[];
}

/** `[startMs, endMs)` cut into buckets of `bucketMs` starting at `startMs` (the last one may be shorter). */
export interface ActivityRange {
  startMs: number;
  endMs: number;
  bucketMs: number;
}

type EventIndex = IDBPIndex<SpotcheckDB, ['detectionEvents'], 'detectionEvents', 'by-project-time', 'readonly'>;

function assertValidEvent(event: DetectionEvent): void {
  const finite = [event.timestampMs, event.confidence, event.anomalyScore, event.latencyMs, event.modelVersion].every(Number.isFinite);
  if (!finite || event.timestampMs < 0) throw new UserFacingError('detectionEvent.invalid', { detail: JSON.stringify(event) });
}

/** Appends one event (the project must still exist) and returns it with its id. */
export async function appendDetectionEvent(db: IDBPDatabase<SpotcheckDB>, event: DetectionEvent): Promise<DetectionEvent> {
  return (await appendDetectionEvents(db, [event]))[0]!;
}

/**
 * Appends events in one transaction (the camera writes its detections in batches), in order; every
 * project must still exist, else none is written. Returns them with their ids.
 */
export async function appendDetectionEvents(db: IDBPDatabase<SpotcheckDB>, events: readonly DetectionEvent[]): Promise<DetectionEvent[]> {
  events.forEach(assertValidEvent);
  if (events.length === 0) return [];
  const records = events.map(({ id: _ignored, ...record }) => record);
  return writeTransaction(db, ['projects', 'detectionEvents'], async (transaction) => {
    // A camera left streaming after the project was deleted in another tab must not leave orphans.
    for (const projectId of new Set(records.map((record) => record.projectId))) {
      if ((await transaction.objectStore('projects').count(projectId)) === 0) throw new UserFacingError('project.notFound');
    }
    const store = transaction.objectStore('detectionEvents');
    const ids: number[] = [];
    await issueAll(records.map((record, index) => async () => (ids[index] = await store.add(record as DetectionEvent))));
    return records.map((record, index) => ({ ...record, id: ids[index]! }));
  });
}

/** Empty buckets covering the range; pure, exported for the dashboard's axis and tests. */
export function emptyBuckets({ startMs, endMs, bucketMs }: ActivityRange): ActivityBucket[] {
  if (!(bucketMs > 0) || !(endMs > startMs)) throw new RangeError(`Bad activity range ${startMs}..${endMs} by ${bucketMs} ms`);
  const buckets: ActivityBucket[] = [];
  for (let bucketStart = startMs; bucketStart < endMs; bucketStart += bucketMs) {
    buckets.push({ startMs: bucketStart, imagesProcessed: 0, anomalies: 0, invalid: 0 });
  }
  return buckets;
}

function count(into: ActivityCounts, event: DetectionEvent): void {
  if (event.invalid !== null) into.invalid++;
  else {
    into.imagesProcessed++;
    if (event.isAnomalous) into.anomalies++;
  }
}

/**
 * Calls `visit` for each event of the project in `[startMs, endMs)`, in time order, reading at most
 * `readChunkSize` records per request. Chunks continue after the last complete timestamp, and the
 * events sharing the boundary timestamp are read together, so none is skipped or counted twice.
 */
async function forEachEventInRange(index: EventIndex, projectId: string, startMs: number, endMs: number, visit: (event: DetectionEvent) => void) {
  let lower = startMs;
  let lowerOpen = false;
  for (;;) {
    const chunk = await index.getAll(IDBKeyRange.bound([projectId, lower], [projectId, endMs], lowerOpen, true), readChunkSize);
    if (chunk.length < readChunkSize) {
      chunk.forEach(visit);
      return;
    }
    const boundaryMs = chunk.at(-1)!.timestampMs;
    for (const event of chunk) if (event.timestampMs < boundaryMs) visit(event);
    (await index.getAll(IDBKeyRange.only([projectId, boundaryMs]))).forEach(visit);
    lower = boundaryMs;
    lowerOpen = true;
  }
}

/** Activity of each project in `projectIds` over the range, in one read transaction. */
export async function projectActivities(db: IDBPDatabase<SpotcheckDB>, projectIds: readonly string[], range: ActivityRange): Promise<ProjectActivity[]> {
  const template = emptyBuckets(range);
  const index = db.transaction('detectionEvents').store.index('by-project-time');
  const activities: ProjectActivity[] = [];
  for (const projectId of projectIds) {
    const activity: ProjectActivity = { projectId, imagesProcessed: 0, anomalies: 0, invalid: 0, buckets: template.map((bucket) => ({ ...bucket })) };
    await forEachEventInRange(index, projectId, range.startMs, range.endMs, (event) => {
      count(activity, event);
      count(activity.buckets[Math.floor((event.timestampMs - range.startMs) / range.bucketMs)]!, event);
    });
    activities.push(activity);
  }
  return activities;
}

/** The most recent events of a project, newest first (camera history, tests). */
export async function latestDetectionEvents(db: IDBPDatabase<SpotcheckDB>, projectId: string, limit: number): Promise<DetectionEvent[]> {
  const events: DetectionEvent[] = [];
  let cursor = await db
    .transaction('detectionEvents')
    .store.index('by-project-time')
    .openCursor(IDBKeyRange.bound([projectId, -Infinity], [projectId, Infinity]), 'prev');
  while (cursor && events.length < limit) {
    events.push(cursor.value);
    cursor = await cursor.continue();
  }
  return events;
}

/** Days events are kept, or null to keep them for ever (the default). */
export async function readRetentionDays(db: IDBPDatabase<SpotcheckDB>): Promise<number | null> {
  const value = await db.get('settings', retentionSettingKey);
  return typeof value === 'number' && value > 0 ? value : null;
}

export async function saveRetentionDays(db: IDBPDatabase<SpotcheckDB>, days: number | null): Promise<void> {
  if (days !== null && !(Number.isInteger(days) && days >= 1)) throw new UserFacingError('detectionEvent.retentionInvalid', { days: String(days) });
  await writeTransaction(db, ['settings'], async (transaction) => {
    if (days === null) await transaction.store.delete(retentionSettingKey);
    else await transaction.store.put(days, retentionSettingKey);
  });
}

/** Deletes every event older than `cutoffMs`, all projects, in one transaction; returns how many. */
export async function pruneDetectionEventsBefore(db: IDBPDatabase<SpotcheckDB>, cutoffMs: number): Promise<number> {
  return writeTransaction(db, ['projects', 'detectionEvents'], async (transaction) => {
    const projectIds = await transaction.objectStore('projects').getAllKeys();
    const events = transaction.objectStore('detectionEvents');
    const byTime = events.index('by-project-time');
    let deleted = 0;
    for (const projectId of projectIds) {
      // Only primary keys are read: the index range finds them without loading the events.
      const ids = await byTime.getAllKeys(IDBKeyRange.bound([projectId, -Infinity], [projectId, cutoffMs], false, true));
      await issueAll(ids.map((id) => () => events.delete(id)));
      deleted += ids.length;
    }
    return deleted;
  });
}

/** Applies the retention setting as of `nowMs`; returns how many events were deleted (0 when kept for ever). */
export async function pruneByRetention(db: IDBPDatabase<SpotcheckDB>, nowMs: number): Promise<number> {
  const days = await readRetentionDays(db);
  return days === null ? 0 : pruneDetectionEventsBefore(db, nowMs - days * dayMs);
}
