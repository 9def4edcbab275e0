// Public API of packaging: the single exported ONNX graph, its metadata file, and detection with it.
export * from './detect';
export * from './metadata';
export * from './packagedModel';
export * from './segmentationResult';
