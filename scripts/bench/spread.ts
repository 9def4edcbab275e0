// Mean and spread of a figure over repeated runs (cross-validation folds × seeds).

export interface Spread {
  mean: number;
  /** Sample standard deviation (n − 1); 0 for a single value. */
  std: number;
  min: number;
  max: number;
  count: number;
}

export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) throw new RangeError('spreadOf() needs at least one value');
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  return {
    mean,
    std: values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0,
    min: Math.min(...values),
    max: Math.max(...values),
    count: values.length,
  };
}

/** `0.953 ± 0.021 (0.920–0.990)`. */
export function formatSpread(spread: Spread, digits = 3): string {
  return `${spread.mean.toFixed(digits)} ± ${spread.std.toFixed(digits)} (${spread.min.toFixed(digits)}–${spread.max.toFixed(digits)})`;
}
