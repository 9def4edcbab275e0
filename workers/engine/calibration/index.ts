// Threshold calibration, score normalisation and confidence of the image decision (pure TypeScript).
export * from './confidence';
export * from './fScoreThreshold';
export * from './normalisation';
export * from './quantile';
export * from './thresholdCalibration';
