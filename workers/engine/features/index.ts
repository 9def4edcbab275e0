// Public API of the feature stage: the feature graph parts and the per-image extractor.
export * from './featureGraph';
export * from './featureExtractor';
