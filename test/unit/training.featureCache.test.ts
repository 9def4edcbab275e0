// The training worker's feature cache: keyed by content hash and backbone, bounded by bytes with the
// oldest entries dropped first.
import { describe, expect, it } from 'vitest';
import { MemoryFeatureCache } from '../../workers/training/featureCache';

const features = (floats: number, value: number) => new Float32Array(floats).fill(value);

describe('MemoryFeatureCache', () => {
  it('keeps features per content hash and backbone', () => {
    const cache = new MemoryFeatureCache();
    cache.set('hash-a', 'mobilenet_v2_mid', features(4, 1));
    cache.set('hash-a', 'mobilenet_v2', features(4, 2));
    expect(cache.get('hash-a', 'mobilenet_v2_mid')![0]).toBe(1);
    expect(cache.get('hash-a', 'mobilenet_v2')![0]).toBe(2);
    expect(cache.get('hash-b', 'mobilenet_v2_mid')).toBeUndefined();
  });

  it('drops the oldest entries once it holds more than its byte budget', () => {
    const cache = new MemoryFeatureCache(3 * 16);
    for (const [index, hash] of ['a', 'b', 'c', 'd'].entries()) cache.set(hash, 'm', features(4, index));
    expect(cache.size).toBe(3);
    expect(cache.get('a', 'm')).toBeUndefined();
    expect(cache.get('d', 'm')![0]).toBe(3);
    cache.set('b', 'm', features(8, 9));
    expect([cache.get('c', 'm'), cache.get('d', 'm')]).toEqual([undefined, features(4, 3)]);
    expect(cache.get('b', 'm')).toHaveLength(8);
  });
});
