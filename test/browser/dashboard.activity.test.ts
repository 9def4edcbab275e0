// The dashboard's aggregation over 100,000 detection events in Chromium's real IndexedDB: totals and
// per-bucket counts come out exact for 24 h, 7 d and 30 d, and the time each read takes is reported
// (a benchmark figure for the notes, never asserted).
import type { IDBPDatabase } from 'idb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDashboard } from '../../src/dashboard/loadDashboard';
import { periodRange } from '../../src/dashboard/periods';
import type { DetectionEvent, Project } from '../../src/domain/types';
import { closeSpotcheckDb, openSpotcheckDb } from '../../src/storage/db';
import { createProject } from '../../src/storage/projects';
import type { SpotcheckDB } from '../../src/storage/schema';
import { freshDbName } from '../fixtures/storageTestKit';

const eventCount = 100_000;
const dayMs = 24 * 60 * 60 * 1000;
const historyMs = 30 * dayMs;
const nowMs = Date.now();
/** Event i happens at a fixed step back from now, so the expected counts per period are plain arithmetic. */
const stepMs = historyMs / eventCount;

let db: IDBPDatabase<SpotcheckDB>;
let databaseName: string;
let projects: Project[];

const isAnomalous = (i: number) => i % 9 === 0;
const isInvalid = (i: number) => i % 100 === 1;

beforeAll(async () => {
  databaseName = freshDbName();
  db = await openSpotcheckDb(databaseName);
  projects = [await createProject(db, 'line-a'), await createProject(db, 'line-b'), await createProject(db, 'line-c')];
  const started = performance.now();
  const transaction = db.transaction('detectionEvents', 'readwrite');
  for (let i = 0; i < eventCount; i++) {
    const event: DetectionEvent = {
      projectId: projects[i % projects.length]!.id,
      timestampMs: nowMs - (i + 0.5) * stepMs,
      modelVersion: 1,
      source: 'camera',
      isAnomalous: isAnomalous(i),
      confidence: 0.8,
      anomalyScore: isAnomalous(i) ? 0.7 : 0.2,
      labelAreas: isAnomalous(i) ? [{ label: 'scratch', area: 0.01 }] : [],
      latencyMs: 35,
      invalid: isInvalid(i) ? 'The camera picture could not be read.' : null,
    };
    void transaction.store.add(event);
  }
  await transaction.done;
  console.info(`stored ${eventCount} events in ${Math.round(performance.now() - started)} ms`);
}, 300_000);

afterAll(async () => {
  await closeSpotcheckDb(databaseName);
  indexedDB.deleteDatabase(databaseName);
});

function expected(durationMs: number) {
  let imagesProcessed = 0;
  let anomalies = 0;
  for (let i = 0; (i + 0.5) * stepMs < durationMs; i++) {
    if (isInvalid(i)) continue;
    imagesProcessed++;
    if (isAnomalous(i)) anomalies++;
  }
  return { imagesProcessed, anomalies };
}

describe('dashboard aggregation over 100,000 events', () => {
  it.each([
    ['24h', dayMs],
    ['7d', 7 * dayMs],
    ['30d', 30 * dayMs],
  ] as const)(
    'counts %s exactly and reports the time taken',
    async (choice, durationMs) => {
      const range = periodRange(choice, nowMs);
      const started = performance.now();
      const data = await loadDashboard(db, range);
      const elapsedMs = performance.now() - started;
      const want = expected(durationMs);
      expect({ imagesProcessed: data.totals.imagesProcessed, anomalies: data.totals.anomalies }).toEqual(want);
      expect(data.totals.buckets.reduce((sum, bucket) => sum + bucket.imagesProcessed, 0)).toBe(want.imagesProcessed);
      expect(data.rows.map((row) => row.summary.project.name)).toEqual(['line-a', 'line-b', 'line-c']);
      // Events alternate between the projects, so each holds a third of them.
      for (const row of data.rows) expect(Math.abs(row.activity.imagesProcessed - want.imagesProcessed / 3)).toBeLessThanOrEqual(1);
      console.info(
        `dashboard ${choice}: ${want.imagesProcessed + Math.round(want.imagesProcessed / 99)} events read and bucketed in ${Math.round(elapsedMs)} ms`,
      );
    },
    120_000,
  );
});
