// The anomaly rate of spec §7: anomalies ÷ images processed, shown as a percentage with two decimals
// (70 of 6,300 → "1.11 %"), or a placeholder when nothing was processed.
const percent = 100;

export function formatRate(anomalies: number, imagesProcessed: number, none: string, locale?: string): string {
  if (imagesProcessed === 0) return none;
  const value = (anomalies / imagesProcessed) * percent;
  return `${value.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;
}
