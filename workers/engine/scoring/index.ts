// Public API of kNN scoring: memory bank, the ONNX scoring graph part, and the training-time scorer.
export * from './gaussianBlur';
export * from './knnGraph';
export * from './memoryBank';
export * from './scoringModel';
