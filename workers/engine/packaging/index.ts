// Public API of packaging: the single exported ONNX graph, its metadata file, detection with it, and the
// spec §4.1 serialisation of a detection.
export * from './detect';
export * from './detectAnomalyResult';
export * from './metadata';
export * from './packagedModel';
export * from './segmentationResult';
