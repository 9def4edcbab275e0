// `--synthetic`: the seeded generator's parts as a benchmark dataset (every defect type, exact masks).
import { generateSyntheticDataset } from '../../src/syntheticImages';
import { defectLabelIndex, SYNTHETIC_DEFECTS } from '../../src/syntheticImages/catalog';
import type { LoadedDataset } from './loadDataset';

export const syntheticBenchSize = { width: 224, height: 224 };

export function syntheticDataset(seed: number, normalCount = 40, perDefectCount = 10): LoadedDataset {
  const items = [...generateSyntheticDataset({ seed, ...syntheticBenchSize, normalCount, perDefectCount })];
  return {
    images: items.map((item) => {
      const pixels = item.sample.width * item.sample.height;
      const rgb = new Uint8Array(pixels * 3);
      for (let pixel = 0; pixel < pixels; pixel += 1) rgb.set(item.sample.rgba.subarray(pixel * 4, pixel * 4 + 3), pixel * 3);
      return { id: item.fileName, rgb, width: item.sample.width, height: item.sample.height, classification: item.classification, mask: item.sample.mask };
    }),
    candidates: items.map((item) => ({ id: item.fileName, classification: item.classification, anomalyLabelIds: item.sample.defects })),
    labels: SYNTHETIC_DEFECTS.map((defect) => ({ name: defect.name, color: defect.color, index: defectLabelIndex(defect.type) })),
  };
}
