// Greedy k-center coreset against a brute-force greedy, the random projection, and the test-only kNN reference.
import { describe, expect, it } from 'vitest';
import { deriveSeed, Random } from '../../src/domain/random';
import { coresetSize, farthestPointSelection, greedyCoreset } from '../../workers/engine/memoryBank/coreset';
import { gaussianProjectionMatrix, projectRows } from '../../workers/engine/memoryBank/randomProjection';
import { nearestNeighbourDistances } from './helpers/bruteForceKnn';

function gaussianRows(count: number, dimensions: number, seed: number): Float32Array {
  const random = new Random(seed);
  return Float32Array.from({ length: count * dimensions }, () => random.normal());
}

function squaredDistance(points: Float32Array, dimensions: number, a: number, b: number): number {
  let sum = 0;
  for (let d = 0; d < dimensions; d += 1) sum += (points[a * dimensions + d]! - points[b * dimensions + d]!) ** 2;
  return sum;
}

/** The greedy rule by brute force: at each step recompute every point's distance to its nearest selected point. */
function bruteForceGreedy(points: Float32Array, dimensions: number, size: number, start: number): number[] {
  const count = points.length / dimensions;
  const selected = [start];
  while (selected.length < size) {
    let best = -1;
    let bestDistance = -1;
    for (let point = 0; point < count; point += 1) {
      if (selected.includes(point)) continue;
      const nearest = Math.min(...selected.map((s) => squaredDistance(points, dimensions, point, s)));
      if (nearest > bestDistance) {
        bestDistance = nearest;
        best = point;
      }
    }
    selected.push(best);
  }
  return selected;
}

describe('farthestPointSelection', () => {
  it('picks by hand on a line of points 0, 10, 4, 7', () => {
    // Points 0, 10, 4, 7 (1-D). From {0}: farthest 10. From {0,10}: 4 is 4 away, 7 is 3 away → 4. Then 7.
    expect(Array.from(farthestPointSelection(Float32Array.of(0, 10, 4, 7), 1, 4, 0))).toEqual([0, 1, 2, 3]);
    // From start 3 (value 7): 0 is 7 away, 10 is 3, 4 is 3 → 0; then 4 (min 3) ties 10 (min 3) → lowest index 1.
    expect(Array.from(farthestPointSelection(Float32Array.of(0, 10, 4, 7), 1, 3, 3))).toEqual([3, 0, 1]);
  });

  it('matches the brute-force greedy on random data', () => {
    for (const [count, dimensions, size] of [
      [60, 3, 20],
      [120, 37, 40],
      [200, 16, 25],
      [150, 40, 150],
    ] as const) {
      const points = gaussianRows(count, dimensions, count + dimensions);
      const start = new Random(size).int(0, count - 1);
      expect(Array.from(farthestPointSelection(points, dimensions, size, start))).toEqual(bruteForceGreedy(points, dimensions, size, start));
    }
  });

  it('breaks exact ties on an integer grid toward the lowest index, like the brute force', () => {
    const grid = Float32Array.from({ length: 2 * 36 }, (_, i) => (i % 2 === 0 ? Math.floor(i / 2) % 6 : Math.floor(i / 12)));
    expect(Array.from(farthestPointSelection(grid, 2, 12, 14))).toEqual(bruteForceGreedy(grid, 2, 12, 14));
  });

  it('returns distinct indices even when points repeat', () => {
    const repeated = Float32Array.of(1, 1, 1, 1, 2, 2);
    const selection = Array.from(farthestPointSelection(repeated, 2, 3, 0));
    expect(selection).toEqual([0, 2, 1]);
  });

  it('stops at the number of points and accepts empty input', () => {
    expect(farthestPointSelection(Float32Array.of(1, 2, 3), 1, 10, 1)).toHaveLength(3);
    expect(farthestPointSelection(new Float32Array(0), 4, 10, 0)).toHaveLength(0);
    expect(() => farthestPointSelection(Float32Array.of(1, 2, 3), 2, 1, 0)).toThrow(RangeError);
    expect(() => farthestPointSelection(Float32Array.of(1, 2, 3), 1, 1, 3)).toThrow(RangeError);
  });
});

describe('greedyCoreset', () => {
  it('uses the features as they are when they are no wider than the projection', () => {
    const features = gaussianRows(120, 32, 5);
    const seed = 77;
    const start = new Random(deriveSeed(seed, 1)).int(0, 119);
    expect(Array.from(greedyCoreset(features, 32, { targetSize: 30, seed }))).toEqual(bruteForceGreedy(features, 32, 30, start));
  });

  it('selects on the seeded projection when the features are wider', () => {
    const features = gaussianRows(100, 40, 6);
    const seed = 78;
    const projected = projectRows(features, 40, gaussianProjectionMatrix(40, 8, deriveSeed(seed, 0)), 8);
    const start = new Random(deriveSeed(seed, 1)).int(0, 99);
    expect(Array.from(greedyCoreset(features, 40, { targetSize: 15, seed, projectedDimensions: 8 }))).toEqual(bruteForceGreedy(projected, 8, 15, start));
  });

  it('is reproducible from its seed and changes with it', () => {
    const features = gaussianRows(300, 184, 9);
    const first = greedyCoreset(features, 184, { targetSize: 30, seed: 1 });
    expect(greedyCoreset(features, 184, { targetSize: 30, seed: 1 })).toEqual(first);
    expect(greedyCoreset(features, 184, { targetSize: 30, seed: 2 })).not.toEqual(first);
    expect(new Set(first).size).toBe(30);
  });

  it('covers the points better than a random subset of the same size', () => {
    const features = gaussianRows(400, 8, 10);
    const coreset = greedyCoreset(features, 8, { targetSize: 40, seed: 3 });
    const random = new Random(4);
    const randomSubset = Array.from({ length: 40 }, () => random.int(0, 399));
    const coverageRadius = (indices: ArrayLike<number>) => {
      const bank = Float32Array.from(Array.from(indices).flatMap((i) => Array.from(features.subarray(i * 8, i * 8 + 8))));
      return Math.max(...nearestNeighbourDistances(features, bank, 8));
    };
    expect(coverageRadius(coreset)).toBeLessThan(coverageRadius(randomSubset));
  });

  it('sizes the coreset from a ratio, keeping at least one patch', () => {
    expect(coresetSize(15_680, 0.1)).toBe(1568);
    expect(coresetSize(15_680, 0.01)).toBe(157);
    expect(coresetSize(5, 0.01)).toBe(1);
    expect(coresetSize(5, 2)).toBe(5);
  });
});

describe('random projection', () => {
  it('multiplies rows by the matrix', () => {
    // [1 2] · [[1 0 2], [0 1 −1]] = [1 2 0]; [3 −1] · … = [3 −1 7].
    const matrix = Float32Array.of(1, 0, 2, 0, 1, -1);
    expect(Array.from(projectRows(Float32Array.of(1, 2, 3, -1), 2, matrix, 3))).toEqual([1, 2, 0, 3, -1, 7]);
  });

  it('roughly preserves pairwise distances (Johnson–Lindenstrauss, 184 → 128 dimensions)', () => {
    const features = gaussianRows(40, 184, 11);
    const projected = projectRows(features, 184, gaussianProjectionMatrix(184, 128, 12), 128);
    for (let pair = 0; pair < 39; pair += 1) {
      const ratio = squaredDistance(projected, 128, pair, pair + 1) / squaredDistance(features, 184, pair, pair + 1);
      expect(ratio).toBeGreaterThan(0.6);
      expect(ratio).toBeLessThan(1.4);
    }
  });

  it('draws N(0, 1/k) entries from its seed', () => {
    const matrix = gaussianProjectionMatrix(100, 100, 1);
    const mean = matrix.reduce((sum, v) => sum + v, 0) / matrix.length;
    const variance = matrix.reduce((sum, v) => sum + (v - mean) ** 2, 0) / matrix.length;
    expect(Math.abs(mean)).toBeLessThan(0.005);
    expect(variance).toBeCloseTo(0.01, 3);
    expect(gaussianProjectionMatrix(100, 100, 1)).toEqual(matrix);
  });
});

describe('nearestNeighbourDistances (test-only reference)', () => {
  it('finds the Euclidean distance to the nearest bank row, worked by hand', () => {
    // Bank (0,0), (3,4). Query (0,1) → 1; (3,0) → min(3, 4) = 3; (6,8) → 5.
    const distances = nearestNeighbourDistances(Float32Array.of(0, 1, 3, 0, 6, 8), Float32Array.of(0, 0, 3, 4), 2);
    expect(Array.from(distances)).toEqual([1, 3, 5]);
  });

  it('refuses an empty bank', () => {
    expect(() => nearestNeighbourDistances(Float32Array.of(1), new Float32Array(0), 1)).toThrow(RangeError);
  });
});
