// How the model detail view prints thresholds and scores (percentages use ../formatPercent).
import { i18n } from '../../i18n';

/** A threshold or score with the given number of decimals (the slider's step), in the UI language. */
export function formatScore(value: number, decimals: number): string {
  return value.toLocaleString(i18n.language, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
