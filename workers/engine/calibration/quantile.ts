// Quantiles of score samples, shared by the score normalisation and the normal-score fallback threshold.

/** Linear interpolation between order statistics (the "type 7" definition of R and NumPy). */
export function quantile(values: readonly number[], probability: number): number {
  if (values.length === 0) throw new RangeError('quantile() needs at least one value');
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * probability;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}
