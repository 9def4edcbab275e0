// What the dashboard shows for one period: project summaries (dataset images) joined with each
// project's detection activity, and the totals over all projects. Applies the retention setting
// first, so history past it never shows.
import { emptyBuckets, projectActivities, pruneByRetention, type ActivityBucket, type ActivityRange, type ProjectActivity } from '../storage/detectionEvents';
import { projectSummaries, type ProjectSummary } from '../storage/projects';
import type { SpotcheckDatabase } from '../storage/schema';

export interface ProjectDashboardRow {
  summary: ProjectSummary;
  activity: ProjectActivity;
}

export interface DashboardTotals {
  projects: number;
  datasetImages: number;
  imagesProcessed: number;
  anomalies: number;
  buckets: ActivityBucket[];
}

export interface DashboardData {
  range: ActivityRange;
  rows: ProjectDashboardRow[];
  totals: DashboardTotals;
}

/** Per-bucket sums over several projects' activity for the same range. */
export function sumBuckets(range: ActivityRange, activities: readonly ProjectActivity[]): ActivityBucket[] {
  return emptyBuckets(range).map((sum, index) => {
    for (const { buckets } of activities) {
      sum.imagesProcessed += buckets[index]!.imagesProcessed;
      sum.anomalies += buckets[index]!.anomalies;
      sum.invalid += buckets[index]!.invalid;
    }
    return sum;
  });
}

export async function loadDashboard(db: SpotcheckDatabase, range: ActivityRange): Promise<DashboardData> {
  await pruneByRetention(db, Date.now());
  const summaries = await projectSummaries(db);
  const activities = await projectActivities(
    db,
    summaries.map(({ project }) => project.id),
    range,
  );
  const rows = summaries.map((summary, index) => ({ summary, activity: activities[index]! }));
  const totals: DashboardTotals = {
    projects: summaries.length,
    datasetImages: summaries.reduce((sum, { imageCount }) => sum + imageCount, 0),
    imagesProcessed: activities.reduce((sum, activity) => sum + activity.imagesProcessed, 0),
    anomalies: activities.reduce((sum, activity) => sum + activity.anomalies, 0),
    buckets: sumBuckets(range, activities),
  };
  return { range, rows, totals };
}
