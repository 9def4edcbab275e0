// Detection events repository on a real (in-memory) IndexedDB: appending one or a batch (refused for a
// missing project or an incomplete event, nothing written), dashboard activity bucketed from the
// by-project-time index (checked against a plain count over every stored event, including ties at read-chunk
// boundaries), and pruning by date and by the retention setting.
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import type { DetectionEvent } from '../../src/domain/types';
import {
  appendDetectionEvent,
  appendDetectionEvents,
  emptyBuckets,
  latestDetectionEvents,
  projectActivities,
  pruneByRetention,
  pruneDetectionEventsBefore,
  readRetentionDays,
  saveRetentionDays,
  type ActivityRange,
} from '../../src/storage/detectionEvents';
import { createProject } from '../../src/storage/projects';
import type { SpotcheckDB } from '../../src/storage/schema';
import { failureMessage, snapshotDatabase, useFreshDatabase } from '../fixtures/storageTestKit';

let db: IDBPDatabase<SpotcheckDB>;
useFreshDatabase((opened) => (db = opened));

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const t0 = Date.UTC(2026, 0, 1);

function event(projectId: string, timestampMs: number, overrides: Partial<DetectionEvent> = {}): DetectionEvent {
  return {
    projectId,
    timestampMs,
    modelVersion: 1,
    source: 'camera',
    isAnomalous: false,
    confidence: 0.9,
    anomalyScore: 0.2,
    labelAreas: [],
    latencyMs: 40,
    invalid: null,
    ...overrides,
  };
}

/** Many events in one transaction (test setup only; the app appends one per detection). */
async function storeEvents(events: DetectionEvent[]): Promise<void> {
  const transaction = db.transaction('detectionEvents', 'readwrite');
  for (const item of events) void transaction.store.add(item);
  await transaction.done;
}

/** The expected activity, computed the plain way from every stored event. */
async function naiveActivity(projectId: string, range: ActivityRange) {
  const buckets = emptyBuckets(range);
  const totals = { imagesProcessed: 0, anomalies: 0, invalid: 0 };
  for (const stored of await db.getAll('detectionEvents')) {
    if (stored.projectId !== projectId || stored.timestampMs < range.startMs || stored.timestampMs >= range.endMs) continue;
    const bucket = buckets[Math.floor((stored.timestampMs - range.startMs) / range.bucketMs)]!;
    for (const target of [totals, bucket]) {
      if (stored.invalid !== null) target.invalid++;
      else {
        target.imagesProcessed++;
        if (stored.isAnomalous) target.anomalies++;
      }
    }
  }
  return { projectId, ...totals, buckets };
}

describe('appendDetectionEvent', () => {
  it('stores the event with a new id and returns it', async () => {
    const project = await createProject(db, 'line-1');
    const stored = await appendDetectionEvent(db, event(project.id, t0, { isAnomalous: true, labelAreas: [{ label: 'dent', area: 0.02 }] }));
    expect(stored.id).toEqual(expect.any(Number));
    expect(await db.get('detectionEvents', stored.id!)).toEqual(stored);
    const second = await appendDetectionEvent(db, event(project.id, t0 + 1, { invalid: 'The camera picture could not be read.' }));
    expect(second.id).toBeGreaterThan(stored.id!);
  });

  it('refuses an event of a project that no longer exists, writing nothing', async () => {
    const before = await snapshotDatabase(db);
    expect(await failureMessage(appendDetectionEvent(db, event('gone', t0)))).toBe('This project no longer exists. It may have been deleted in another tab.');
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('refuses an incomplete event (a non-numeric score), writing nothing', async () => {
    const project = await createProject(db, 'line-1');
    const message = await failureMessage(appendDetectionEvent(db, event(project.id, t0, { anomalyScore: Number.NaN })));
    expect(message).toMatch(/^A detection result could not be recorded because it is incomplete/);
    expect(await db.count('detectionEvents')).toBe(0);
  });
});

describe('appendDetectionEvents (the camera writes in batches)', () => {
  it('stores the batch in order, each with a new id', async () => {
    const project = await createProject(db, 'line-1');
    const stored = await appendDetectionEvents(db, [event(project.id, t0), event(project.id, t0 + 1, { isAnomalous: true }), event(project.id, t0 + 2)]);
    expect(stored.map((item) => item.timestampMs)).toEqual([t0, t0 + 1, t0 + 2]);
    expect(stored[1]!.id).toBeGreaterThan(stored[0]!.id!);
    expect(stored[2]!.id).toBeGreaterThan(stored[1]!.id!);
    expect(await db.getAll('detectionEvents')).toEqual(stored);
  });

  it('writes none of the batch when one event is incomplete or of a deleted project', async () => {
    const project = await createProject(db, 'line-1');
    const before = await snapshotDatabase(db);
    const incomplete = await failureMessage(appendDetectionEvents(db, [event(project.id, t0), event(project.id, t0 + 1, { latencyMs: Number.NaN })]));
    expect(incomplete).toMatch(/^A detection result could not be recorded because it is incomplete/);
    const orphan = await failureMessage(appendDetectionEvents(db, [event(project.id, t0), event('gone', t0 + 1)]));
    expect(orphan).toBe('This project no longer exists. It may have been deleted in another tab.');
    expect(await snapshotDatabase(db)).toEqual(before);
  });
});

describe('projectActivities', () => {
  it('buckets images processed and anomalies per project; invalid events count as neither', async () => {
    const [a, b] = [await createProject(db, 'line-a'), await createProject(db, 'line-b')];
    await storeEvents([
      event(a.id, t0 - 1, { isAnomalous: true }), // before the range
      event(a.id, t0, { isAnomalous: true }),
      event(a.id, t0 + 10),
      event(a.id, t0 + hourMs - 1, { invalid: 'unreadable frame' }),
      event(a.id, t0 + 2 * hourMs + 5, { isAnomalous: true }),
      event(a.id, t0 + 3 * hourMs), // end is exclusive
      event(b.id, t0 + 5, { isAnomalous: true }),
    ]);
    const range = { startMs: t0, endMs: t0 + 3 * hourMs, bucketMs: hourMs };
    const [activityA, activityB] = await projectActivities(db, [a.id, b.id], range);
    expect(activityA).toEqual({
      projectId: a.id,
      imagesProcessed: 3,
      anomalies: 2,
      invalid: 1,
      buckets: [
        { startMs: t0, imagesProcessed: 2, anomalies: 1, invalid: 1 },
        { startMs: t0 + hourMs, imagesProcessed: 0, anomalies: 0, invalid: 0 },
        { startMs: t0 + 2 * hourMs, imagesProcessed: 1, anomalies: 1, invalid: 0 },
      ],
    });
    expect(activityB).toMatchObject({ imagesProcessed: 1, anomalies: 1, invalid: 0 });
    expect(activityB!.buckets.map((bucket) => bucket.imagesProcessed)).toEqual([1, 0, 0]);
  });

  it('reads ranges larger than one read chunk, with ties at the chunk boundaries, exactly once each', async () => {
    const project = await createProject(db, 'busy-line');
    const other = await createProject(db, 'other-line');
    // 9,000 events, many sharing a timestamp (a burst of 2,500 at one instant spans two chunks).
    const events: DetectionEvent[] = [];
    for (let i = 0; i < 6_500; i++)
      events.push(event(project.id, t0 + Math.floor(i / 3) * 60_000, { isAnomalous: i % 7 === 0, invalid: i % 50 === 0 ? 'unreadable' : null }));
    for (let i = 0; i < 2_500; i++) events.push(event(project.id, t0 + 5 * hourMs, { isAnomalous: i % 2 === 0 }));
    for (let i = 0; i < 300; i++) events.push(event(other.id, t0 + i * 1000, { isAnomalous: true }));
    await storeEvents(events.sort(() => 0.5 - Math.random()));
    const range = { startMs: t0, endMs: t0 + 2 * dayMs, bucketMs: hourMs };
    const [activity] = await projectActivities(db, [project.id], range);
    expect(activity).toEqual(await naiveActivity(project.id, range));
    expect(activity!.imagesProcessed + activity!.invalid).toBe(9_000);
  });

  it('rejects a range that ends before it starts', async () => {
    await expect(projectActivities(db, [], { startMs: t0, endMs: t0, bucketMs: hourMs })).rejects.toThrow(RangeError);
  });
});

describe('latestDetectionEvents', () => {
  it('lists the newest events of one project first', async () => {
    const [a, b] = [await createProject(db, 'line-a'), await createProject(db, 'line-b')];
    await storeEvents([event(a.id, t0 + 2), event(a.id, t0 + 9), event(b.id, t0 + 20), event(a.id, t0 + 5)]);
    expect((await latestDetectionEvents(db, a.id, 2)).map((stored) => stored.timestampMs)).toEqual([t0 + 9, t0 + 5]);
  });
});

describe('retention and pruning', () => {
  it('deletes only events older than the cutoff, in every project', async () => {
    const [a, b] = [await createProject(db, 'line-a'), await createProject(db, 'line-b')];
    await storeEvents([event(a.id, t0 - dayMs), event(a.id, t0 - 1), event(a.id, t0), event(b.id, t0 - 5), event(b.id, t0 + dayMs)]);
    expect(await pruneDetectionEventsBefore(db, t0)).toBe(3);
    expect((await db.getAll('detectionEvents')).map((stored) => stored.timestampMs).sort()).toEqual([t0, t0 + dayMs]);
  });

  it('keeps everything by default, and prunes by the saved number of days', async () => {
    const project = await createProject(db, 'line-a');
    await storeEvents([event(project.id, t0 - 40 * dayMs), event(project.id, t0 - 20 * dayMs), event(project.id, t0 - dayMs)]);
    expect(await readRetentionDays(db)).toBeNull();
    expect(await pruneByRetention(db, t0)).toBe(0);
    await saveRetentionDays(db, 30);
    expect(await readRetentionDays(db)).toBe(30);
    expect(await pruneByRetention(db, t0)).toBe(1);
    await saveRetentionDays(db, 7);
    expect(await pruneByRetention(db, t0)).toBe(1);
    expect(await db.count('detectionEvents')).toBe(1);
    await saveRetentionDays(db, null);
    expect(await readRetentionDays(db)).toBeNull();
  });

  it('refuses a retention that is not a whole number of days, keeping the setting', async () => {
    await saveRetentionDays(db, 10);
    expect(await failureMessage(saveRetentionDays(db, 0.5))).toBe('Keep detection history for a whole number of days, 1 or more (got “0.5”).');
    expect(await readRetentionDays(db)).toBe(10);
  });
});
