// Renders the demo project's images as PNG bytes (pure; runs in the demo worker and under Node).
import { demoProject } from '../../src/domain/demoProject';
import { encodeLabelMaskPng, encodeRgbaPng } from '../../src/domain/png';
import { generateSyntheticDataset, SYNTHETIC_DEFECTS } from '../../src/syntheticImages';
import type { DemoImage } from '../../src/contracts/demoWorkerApi';

export const demoImageCount = demoProject.normalCount + demoProject.perDefectCount * SYNTHETIC_DEFECTS.length;

export function* renderDemoImages(): Generator<DemoImage> {
  const { seed, width, height, normalCount, perDefectCount } = demoProject;
  for (const item of generateSyntheticDataset({ seed, width, height, normalCount, perDefectCount })) {
    const { sample } = item;
    yield {
      sourceRef: item.fileName,
      classification: item.classification,
      labelNames: sample.defects.map((type) => SYNTHETIC_DEFECTS.find((d) => d.type === type)!.name),
      png: encodeRgbaPng(sample.rgba, width, height),
      maskPng: sample.defects.length > 0 ? encodeLabelMaskPng(sample.mask, width, height) : null,
    };
  }
}
