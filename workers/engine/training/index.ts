// Public API of training: trainAnomalyModel and its types.
export * from './crossValidation';
export * from './evaluationFiles';
export * from './folds';
export * from './poolingChoice';
export * from './trainAnomalyModel';
export * from './types';
export * from './segmentationStage';
