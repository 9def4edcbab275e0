// A small seeded synthetic training set for the engine tests: normal parts and parts with a missing
// component or a dent, with the product's own stratified split.
import { splitDataset } from '../../../src/domain/split';
import type { DatasetSplit } from '../../../src/domain/split';
import { generateSyntheticDataset } from '../../../src/syntheticImages';
import type { TrainingImage } from '../../../workers/engine/training';
import { rgbOf } from './engineImages';

/**
 * A whole training run in one hook or test (backbone conversion, features, head, packaging): about a
 * minute alone here, several times that on a loaded 2-core CI machine (it is CPU work, nothing to wait for).
 */
export const trainingRunTimeoutMs = 300_000;

export interface SyntheticTrainingSet {
  images: TrainingImage[];
  split: DatasetSplit;
}

export function syntheticTrainingSet(options: {
  seed: number;
  side: number;
  normalCount: number;
  perDefectCount: number;
  testShare: number;
}): SyntheticTrainingSet {
  const items = [
    ...generateSyntheticDataset({
      seed: options.seed,
      width: options.side,
      height: options.side,
      normalCount: options.normalCount,
      perDefectCount: options.perDefectCount,
      defectTypes: ['missing-component', 'dent'],
    }),
  ];
  const images = items.map((item) => ({
    id: item.fileName,
    rgb: rgbOf(item.sample),
    width: item.sample.width,
    height: item.sample.height,
    classification: item.classification,
    mask: item.sample.mask,
  }));
  const split = splitDataset(
    items.map((item) => ({ id: item.fileName, classification: item.classification, anomalyLabelIds: item.sample.defects })),
    options.seed,
    options.testShare,
  );
  return { images, split };
}
