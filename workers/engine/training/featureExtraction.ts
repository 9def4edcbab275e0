// Patch features of every image a training run needs, read from the feature cache when it has them and
// otherwise extracted with one backbone session (created only on the first cache miss).
import { backboneById } from '../backbone/registry';
import { FeatureExtractor } from '../features/featureExtractor';
import { regionCacheKey } from '../../../src/domain/inspectionRegion';
import type { ImageSize } from '../../../src/contracts/modelMetadata';
import type { TrainingStage } from '../../../src/contracts/trainingWorkerApi';
import type { TrainingImage, TrainOptions } from './types';

export type StageReport = (stage: TrainingStage, done: number, total: number) => void;

export async function extractAll(
  options: Pick<TrainOptions, 'featureCache' | 'backboneId' | 'backboneModel' | 'sessionOptions' | 'signal' | 'region'>,
  images: readonly TrainingImage[],
  size: ImageSize,
  report: StageReport,
): Promise<Map<string, Float32Array>> {
  const { featureCache, backboneId, signal } = options;
  const features = new Map<string, Float32Array>();
  let extractor: FeatureExtractor | undefined;
  try {
    for (const [index, image] of images.entries()) {
      signal?.throwIfAborted();
      const cacheKey = regionCacheKey(image.contentHash ?? image.id, options.region);
      let patches = await featureCache?.get(cacheKey, backboneId);
      if (!patches) {
        extractor ??= await FeatureExtractor.create(options.backboneModel, backboneById(backboneId), size, options.sessionOptions, options.region);
        patches = await extractor.extract(image.rgb);
        await featureCache?.set(cacheKey, backboneId, patches);
      }
      features.set(image.id, patches);
      report('features', index + 1, images.length);
    }
  } finally {
    await extractor?.release();
  }
  return features;
}
