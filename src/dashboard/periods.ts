// The dashboard's period choices (last 24 h, 7 days, 30 days, or custom dates) turned into the time
// range and bucket size the activity query and chart use. Pure: "now" and the dates come in.
import { UserFacingError } from '../domain/errors';
import type { ActivityRange } from '../storage/detectionEvents';

export type PeriodChoice = '24h' | '7d' | '30d' | 'custom';

export const periodChoices: readonly PeriodChoice[] = ['24h', '7d', '30d', 'custom'];

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const presetDurationMs: Record<Exclude<PeriodChoice, 'custom'>, number> = { '24h': dayMs, '7d': 7 * dayMs, '30d': 30 * dayMs };
/** Bucket sizes a chart may use, smallest first; the first giving at most `maxBuckets` wins. */
const bucketSizesMs = [hourMs, 3 * hourMs, 6 * hourMs, 12 * hourMs, dayMs, 7 * dayMs, 30 * dayMs];
const maxBuckets = 48;

/** Custom periods are whole local days, `from` and `to` included, as `<input type="date">` gives them. */
export interface CustomDates {
  from: string;
  to: string;
}

function bucketFor(durationMs: number): number {
  return bucketSizesMs.find((size) => Math.ceil(durationMs / size) <= maxBuckets) ?? bucketSizesMs.at(-1)!;
}

/** Local midnight of a `YYYY-MM-DD` date, or null when it is not one. */
function localMidnight(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const value = new Date(year, month, day);
  return value.getFullYear() === year && value.getMonth() === month && value.getDate() === day ? value.getTime() : null;
}

/** The range ending at `nowMs` for a preset, or the custom days; throws a UserFacingError for bad dates. */
export function periodRange(choice: PeriodChoice, nowMs: number, custom?: CustomDates): ActivityRange {
  if (choice !== 'custom') {
    const durationMs = presetDurationMs[choice];
    return { startMs: nowMs - durationMs, endMs: nowMs, bucketMs: bucketFor(durationMs) };
  }
  const startMs = localMidnight(custom?.from ?? '');
  const lastDayMs = localMidnight(custom?.to ?? '');
  if (startMs === null || lastDayMs === null) throw new UserFacingError('dashboard.periodDatesMissing');
  if (lastDayMs < startMs) throw new UserFacingError('dashboard.periodReversed', { from: custom!.from, to: custom!.to });
  // The day after `to`, built from the calendar so a daylight-saving change does not shift it.
  const to = new Date(lastDayMs);
  const endMs = new Date(to.getFullYear(), to.getMonth(), to.getDate() + 1).getTime();
  return { startMs, endMs, bucketMs: bucketFor(endMs - startMs) };
}

/** `YYYY-MM-DD` of a time in local time, for date inputs. */
export function localDateString(timeMs: number): string {
  const date = new Date(timeMs);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
