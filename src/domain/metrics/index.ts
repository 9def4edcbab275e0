// Evaluation metrics of spec §6: image-level counts and curves, per-label pixel metrics.
export * from './confusion';
export * from './imageMetrics';
export * from './pixelMetrics';
export * from './ranking';
export * from './thresholdSweep';
