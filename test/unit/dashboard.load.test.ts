// What the dashboard loads for a period: dataset images from the project summaries, each project's
// activity, totals and summed buckets over all projects, with the retention setting applied first.
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { loadDashboard } from '../../src/dashboard/loadDashboard';
import type { DetectionEvent } from '../../src/domain/types';
import { appendDetectionEvent, saveRetentionDays } from '../../src/storage/detectionEvents';
import { createProject } from '../../src/storage/projects';
import type { SpotcheckDB } from '../../src/storage/schema';
import { seedFullProject } from '../fixtures/sampleProject';
import { useFreshDatabase } from '../fixtures/storageTestKit';

let db: IDBPDatabase<SpotcheckDB>;
useFreshDatabase((opened) => (db = opened));

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

function event(projectId: string, timestampMs: number, isAnomalous: boolean, invalid: string | null = null): DetectionEvent {
  return { projectId, timestampMs, modelVersion: 1, source: 'file', isAnomalous, confidence: 0.9, anomalyScore: 0.5, labelAreas: [], latencyMs: 10, invalid };
}

describe('loadDashboard', () => {
  it('joins dataset images and activity per project, and sums them over all projects', async () => {
    const seeded = await seedFullProject(db, 'flange');
    const empty = await createProject(db, 'bracket');
    const nowMs = Date.now();
    await appendDetectionEvent(db, event(seeded.id, nowMs - 2 * hourMs, true));
    await appendDetectionEvent(db, event(seeded.id, nowMs - 2 * hourMs + 5, false));
    await appendDetectionEvent(db, event(seeded.id, nowMs - hourMs, false, 'unreadable'));
    await appendDetectionEvent(db, event(empty.id, nowMs - 30 * 60_000, false));
    await appendDetectionEvent(db, event(empty.id, nowMs - 3 * dayMs, true));
    const range = { startMs: nowMs - dayMs, endMs: nowMs, bucketMs: hourMs };
    const data = await loadDashboard(db, range);
    expect(data.rows.map((row) => [row.summary.project.name, row.activity.imagesProcessed, row.activity.anomalies, row.activity.invalid])).toEqual([
      ['bracket', 1, 0, 0],
      ['flange', 2, 1, 1],
    ]);
    const seededImages = data.rows.find((row) => row.summary.project.id === seeded.id)!.summary.imageCount;
    expect(seededImages).toBeGreaterThan(0);
    expect(data.totals).toMatchObject({ projects: 2, datasetImages: seededImages, imagesProcessed: 3, anomalies: 1 });
    expect(data.totals.buckets).toHaveLength(24);
    expect(data.totals.buckets[22]).toMatchObject({ imagesProcessed: 2, anomalies: 1, invalid: 0 });
    expect(data.totals.buckets[23]).toMatchObject({ imagesProcessed: 1, anomalies: 0, invalid: 1 });
  });

  it('deletes events past the retention setting before counting', async () => {
    const project = await createProject(db, 'flange');
    const nowMs = Date.now();
    await appendDetectionEvent(db, event(project.id, nowMs - 10 * dayMs, true));
    await appendDetectionEvent(db, event(project.id, nowMs - dayMs, true));
    await saveRetentionDays(db, 7);
    const data = await loadDashboard(db, { startMs: nowMs - 30 * dayMs, endMs: nowMs, bucketMs: dayMs });
    expect(data.totals.anomalies).toBe(1);
    expect(await db.count('detectionEvents')).toBe(1);
  });
});
