// Which dataset layout a project has (spec §1.1), derived from its datasets alone: adding or
// deleting a dataset changes the layout without any other record being rewritten.
import type { Dataset } from './types';

/**
 * `single`: train only, split at each training. `separate`: train + test, test used as-is.
 * `testOnly`: the train dataset was deleted; training is disabled until a new one exists.
 * `none`: the project opens on the "create dataset" page.
 */
export type DatasetConfiguration = 'none' | 'single' | 'separate' | 'testOnly';

export function datasetConfiguration(datasets: readonly Pick<Dataset, 'type'>[]): DatasetConfiguration {
  const hasTrain = datasets.some((dataset) => dataset.type === 'train');
  const hasTest = datasets.some((dataset) => dataset.type === 'test');
  if (hasTrain) return hasTest ? 'separate' : 'single';
  return hasTest ? 'testOnly' : 'none';
}
