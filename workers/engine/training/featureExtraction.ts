// Patch features of every image a training run needs, per feature pooling, read from the feature cache when it
// has them and otherwise extracted with one backbone session (created only on the first cache miss) that gives
// every pooling from one backbone pass. A copy training made (`DerivedImage`) renders its pixels only on a miss.
import { backboneById } from '../backbone/registry';
import { FeatureExtractor } from '../features/featureExtractor';
import { defaultFeaturePooling } from '../features/featureGraph';
import { regionCacheKey } from '../../../src/domain/inspectionRegion';
import type { FeaturePooling, ImageSize } from '../../../src/contracts/modelMetadata';
import type { TrainingStage } from '../../../src/contracts/trainingWorkerApi';
import type { DerivedImage, TrainingImage, TrainOptions } from './types';

export type StageReport = (stage: TrainingStage, done: number, total: number) => void;
/** Image id → patch rows, per pooling. */
export type FeaturesByPooling = Map<FeaturePooling, Map<string, Float32Array>>;

/** The cache's feature-set key: the backbone, and the pooling unless it is every map's (as before the choice). */
export function featureSetKey(backboneId: string, pooling: FeaturePooling): string {
  return pooling === defaultFeaturePooling ? backboneId : `${backboneId}+${pooling}`;
}

export async function extractAll(
  options: Pick<TrainOptions, 'featureCache' | 'backboneId' | 'backboneModel' | 'sessionOptions' | 'signal' | 'region'>,
  images: readonly (TrainingImage | DerivedImage)[],
  size: ImageSize,
  poolings: readonly FeaturePooling[],
  report: StageReport,
): Promise<FeaturesByPooling> {
  const { featureCache, backboneId, signal } = options;
  const features: FeaturesByPooling = new Map(poolings.map((pooling) => [pooling, new Map()]));
  let extractor: FeatureExtractor | undefined;
  try {
    for (const [index, image] of images.entries()) {
      signal?.throwIfAborted();
      const cacheKey = regionCacheKey(image.contentHash ?? image.id, options.region);
      const cached = await Promise.all(poolings.map((pooling) => featureCache?.get(cacheKey, featureSetKey(backboneId, pooling))));
      let patches = new Map(poolings.map((pooling, at) => [pooling, cached[at]]));
      if (cached.some((rows) => rows === undefined)) {
        extractor ??= await FeatureExtractor.create(options.backboneModel, backboneById(backboneId), size, options.sessionOptions, options.region, poolings);
        patches = await extractor.extractEachPooling('rgb' in image ? image.rgb : image.renderRgb());
        for (const pooling of poolings) await featureCache?.set(cacheKey, featureSetKey(backboneId, pooling), patches.get(pooling)!);
      }
      for (const pooling of poolings) features.get(pooling)!.set(image.id, patches.get(pooling)!);
      report('features', index + 1, images.length);
    }
  } finally {
    await extractor?.release();
  }
  return features;
}
