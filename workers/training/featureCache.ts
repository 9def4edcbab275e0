// Patch features kept for the training worker's lifetime, keyed by image content hash and feature set, so a
// retrain of the same project skips the backbone for every image it has seen. Bounded: the oldest
// entries go first once the cache holds `maxBytes`.
import type { FeatureCache } from '../engine/training/types';

/** ~225 images of mobilenet_v2_mid features (784 patches × 184 floats each, for each of the two poolings). */
export const defaultFeatureCacheBytes = 256 * 1024 * 1024;

export class MemoryFeatureCache implements FeatureCache {
  private readonly entries = new Map<string, Float32Array>();
  private bytes = 0;

  constructor(private readonly maxBytes = defaultFeatureCacheBytes) {}

  get(contentHash: string, featureSet: string): Float32Array | undefined {
    return this.entries.get(`${featureSet}/${contentHash}`);
  }

  set(contentHash: string, featureSet: string, features: Float32Array): void {
    const key = `${featureSet}/${contentHash}`;
    const previous = this.entries.get(key);
    if (previous) this.bytes -= previous.byteLength;
    this.entries.delete(key);
    this.entries.set(key, features);
    this.bytes += features.byteLength;
    for (const [oldest, value] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= value.byteLength;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
