// The anomaly rate of spec §7: anomalies ÷ images processed, shown as a percentage with two decimals
// (70 of 6,300 → "1.11%", "1,11 %" in French), or a placeholder when nothing was processed.
import { formatPercent } from '../i18n/format';

const rateDecimals = 2;

export function formatRate(anomalies: number, imagesProcessed: number, none: string): string {
  if (imagesProcessed === 0) return none;
  return formatPercent(anomalies / imagesProcessed, rateDecimals, rateDecimals);
}
