// Public API of the seeded synthetic-part generator (pure TypeScript: runs in workers and Node).
export { SYNTHETIC_DEFECTS, defectLabelIndex } from './catalog';
export type { DefectType, SyntheticDefect } from './catalog';
export { defectAreaFractionRange, minVisibleChangeRgbSum } from './defects';
export { generateSyntheticDataset } from './dataset';
export type { SyntheticDatasetItem, SyntheticDatasetOptions } from './dataset';
export { Random, deriveSeed } from './random';
export { renderSyntheticSample } from './sample';
export type { SyntheticSample, SyntheticSampleOptions } from './sample';
