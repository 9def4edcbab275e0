// Label dates as manifests write them (spec §2.4): ISO 8601 with or without zone, or JavaScript
// Date.toString() text. A date never fails a line, so unreadable text is kept as written.

const isoPattern = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
// e.g. "Mon Aug 22 2022 13:52:52 GMT-0700 (Pacific Daylight Time)"
const dateToStringPattern = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{1,2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT([+-])(\d{2})(\d{2})(?: \(.*\))?$/;
const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const minutesToMs = 60_000;

function fromIso(text: string): Date | null {
  const match = isoPattern.exec(text);
  if (!match) return null;
  // No zone means UTC (spec §2.4); JavaScript would read a date-time without zone as local time.
  const withZone = match[1] ? text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : text.length === 10 ? text : `${text}Z`;
  const date = new Date(withZone.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? null : date;
}

function fromDateToString(text: string): Date | null {
  const match = dateToStringPattern.exec(text);
  if (!match) return null;
  const [, monthName, day, year, hours, minutes, seconds, sign, offsetHours, offsetMinutes] = match;
  const month = monthNames.indexOf(monthName!);
  if (month < 0) return null;
  const offsetMs = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * minutesToMs;
  const localAsUtc = Date.UTC(Number(year), month, Number(day), Number(hours), Number(minutes), Number(seconds));
  return new Date(localAsUtc - offsetMs);
}

/** ISO 8601 UTC (`toISOString`) when the text is a date in a known form, else the text itself. */
export function normalizeLabelDate(text: string): string {
  const trimmed = text.trim();
  const date = fromIso(trimmed) ?? fromDateToString(trimmed);
  return date ? date.toISOString() : text;
}

/** `%Y-%m-%dT%H:%M:%S.%f` in UTC, the form Ground Truth and the CSV tool write. */
export function formatGroundTruthDate(date: Date): string {
  const microseconds = `${String(date.getUTCMilliseconds()).padStart(3, '0')}000`;
  return `${date.toISOString().slice(0, 19)}.${microseconds}`;
}
