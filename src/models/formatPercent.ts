// Ratios 0–1 shown as percentages 0–100 (spec §6: every model figure is displayed as a percentage).
import { i18n } from '../i18n';

const fractionDigits = 1;

/** "84.7 %" in the UI language; an em dash for a figure that does not exist (null / undefined). */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined) return '—';
  return new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: fractionDigits }).format(ratio);
}
