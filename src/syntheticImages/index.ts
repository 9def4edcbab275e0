// Public API of the seeded synthetic-part generator behind the demo project, benchmarks and tests (pure
// TypeScript: runs in workers and Node). Moved out of src/domain; its random source is src/domain/random.ts.
export { SYNTHETIC_DEFECTS, defectLabelIndex } from './catalog';
export type { DefectType, SyntheticDefect } from './catalog';
export { defectAreaFractionRange, minVisibleChangeRgbSum } from './defects';
export { generateSyntheticDataset } from './dataset';
export type { SyntheticDatasetItem, SyntheticDatasetOptions } from './dataset';
export { renderSyntheticSample } from './sample';
export type { SyntheticSample, SyntheticSampleOptions } from './sample';
