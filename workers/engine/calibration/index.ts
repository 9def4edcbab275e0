// Threshold calibration, score normalisation and confidence of the image decision (pure TypeScript).
export * from './confidence';
export * from './f1Threshold';
export * from './normalisation';
export * from './quantile';
export * from './thresholdCalibration';
