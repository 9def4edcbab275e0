// Dashboard periods: presets end now with a bucket size giving at most 48 points; custom periods are
// whole local days with both ends included; bad dates are refused with a message; the anomaly rate
// is formatted as spec §7's example.
import { describe, expect, it } from 'vitest';
import { formatRate } from '../../src/dashboard/formatRate';
import { localDateString, periodRange } from '../../src/dashboard/periods';
import { emptyBuckets } from '../../src/storage/detectionEvents';
import { describeError } from '../../src/i18n';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const nowMs = Date.UTC(2026, 4, 17, 13, 45);

describe('periodRange', () => {
  it.each([
    ['24h', dayMs, hourMs, 24],
    ['7d', 7 * dayMs, 6 * hourMs, 28],
    ['30d', 30 * dayMs, dayMs, 30],
  ] as const)('%s ends now, with %d ms of history in buckets of %d ms (%d of them)', (choice, durationMs, bucketMs, count) => {
    const range = periodRange(choice, nowMs);
    expect(range).toEqual({ startMs: nowMs - durationMs, endMs: nowMs, bucketMs });
    expect(emptyBuckets(range)).toHaveLength(count);
  });

  it('covers custom dates as whole local days, both included', () => {
    const range = periodRange('custom', nowMs, { from: '2026-03-01', to: '2026-03-03' });
    expect(range.startMs).toBe(new Date(2026, 2, 1).getTime());
    expect(range.endMs).toBe(new Date(2026, 2, 4).getTime());
    expect(range.bucketMs).toBe(3 * hourMs);
    expect(emptyBuckets(range)).toHaveLength(24);
    const year = periodRange('custom', nowMs, { from: '2025-01-01', to: '2025-12-31' });
    expect(year.bucketMs).toBe(30 * dayMs);
    expect(emptyBuckets(year)).toHaveLength(13);
    expect(emptyBuckets(periodRange('custom', nowMs, { from: '2026-03-01', to: '2026-03-01' }))).toHaveLength(24);
  });

  it('refuses missing, impossible or reversed dates with a message', () => {
    const message = (from: string, to: string) => {
      try {
        periodRange('custom', nowMs, { from, to });
        return 'accepted';
      } catch (error) {
        return describeError(error);
      }
    };
    expect(message('', '2026-03-01')).toBe('Choose both a start and an end date for the custom period.');
    expect(message('2026-02-30', '2026-03-01')).toBe('Choose both a start and an end date for the custom period.');
    expect(message('2026-03-05', '2026-03-01')).toBe(
      'The custom period starts on 2026-03-05, after it ends (2026-03-01). Choose an end date on or after the start date.',
    );
  });

  it('gives local dates for date inputs', () => {
    expect(localDateString(new Date(2026, 0, 9, 23, 59).getTime())).toBe('2026-01-09');
  });
});

describe('formatRate', () => {
  it('shows anomalies ÷ images processed as a percentage with two decimals', () => {
    expect(formatRate(70, 6_300, '–')).toBe('1.11%');
    expect(formatRate(3, 4, '–')).toBe('75.00%');
    expect(formatRate(0, 0, '–')).toBe('–');
  });
});
