// A labelled synthetic dataset as a lazy stream: normal images first, then each defect type in turn.
// Item i's sample seed depends only on (seed, i), so any prefix can be produced without the rest.
import type { DefectType } from './catalog';
import { SYNTHETIC_DEFECTS } from './catalog';
import { deriveSeed } from '../domain/random';
import type { SyntheticSample } from './sample';
import { renderSyntheticSample, validateImageSize } from './sample';

export interface SyntheticDatasetOptions {
  seed: number;
  width: number;
  height: number;
  normalCount: number;
  perDefectCount: number;
  /** Defaults to every type in SYNTHETIC_DEFECTS, in that order. */
  defectTypes?: DefectType[];
}

export interface SyntheticDatasetItem {
  /** 'normal/normal-001.png', 'anomaly/scratch-001.png', …: unique within the dataset. */
  fileName: string;
  classification: 'normal' | 'anomaly';
  sample: SyntheticSample;
}

export function* generateSyntheticDataset(options: SyntheticDatasetOptions): Generator<SyntheticDatasetItem> {
  const { seed, width, height, normalCount, perDefectCount } = options;
  const defectTypes = options.defectTypes ?? SYNTHETIC_DEFECTS.map((defect) => defect.type);
  validateImageSize(width, height);
  for (const count of [normalCount, perDefectCount]) {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`Synthetic dataset counts must be whole numbers ≥ 0, got ${count}`);
  }
  if (new Set(defectTypes).size !== defectTypes.length) throw new RangeError(`Each defect type may appear once, got ${defectTypes.join(', ')}`);
  const digits = Math.max(3, String(Math.max(normalCount, perDefectCount)).length);
  const numbered = (name: string, n: number) => `${name}-${String(n).padStart(digits, '0')}.png`;

  let index = 0;
  const sampleSeed = () => deriveSeed(seed, index++);
  for (let n = 1; n <= normalCount; n++) {
    yield {
      fileName: `normal/${numbered('normal', n)}`,
      classification: 'normal',
      sample: renderSyntheticSample({ seed: sampleSeed(), width, height, defects: [] }),
    };
  }
  for (const type of defectTypes) {
    for (let n = 1; n <= perDefectCount; n++) {
      yield {
        fileName: `anomaly/${numbered(type, n)}`,
        classification: 'anomaly',
        sample: renderSyntheticSample({ seed: sampleSeed(), width, height, defects: [type] }),
      };
    }
  }
}
