// Public API of the feature stage: the feature graph parts, the frame's scored border and the per-image extractor.
export * from './featureGraph';
export * from './featureExtractor';
export * from './frameBorder';
