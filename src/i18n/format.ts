// Numbers, percentages and dates on screen, in the operator's language through Intl ("85,7 %" in French,
// "85.7%" in English). Only for display: exported files write plain numbers and ISO dates.
import { i18n } from './index';

/** A figure that does not exist (null / undefined) shows as an em dash in every language. */
const missingFigure = '—';

/** A count or measure ("1,234" / "1 234"). */
export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(i18n.language, options).format(value);
}

/** A threshold or score with exactly `decimals` decimals (a slider's step). */
export function formatDecimals(value: number, decimals: number): string {
  return formatNumber(value, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A ratio 0–1 as a percentage (spec §6: every model figure is shown as a percentage), at most `maxDecimals` decimals. */
export function formatPercent(ratio: number | null | undefined, maxDecimals = 1, minDecimals = 0): string {
  if (ratio === null || ratio === undefined) return missingFigure;
  return formatNumber(ratio, { style: 'percent', minimumFractionDigits: minDecimals, maximumFractionDigits: maxDecimals });
}

/** A moment (ISO text or epoch milliseconds) as the locale writes a date and time. */
export function formatDateTime(moment: string | number): string {
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(moment));
}
