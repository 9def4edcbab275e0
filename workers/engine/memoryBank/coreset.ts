// Greedy k-center coreset of normal patch features (PatchCore): repeatedly keep the patch farthest
// from those already kept, measured on a seeded random projection. Cost O(N · k · d'), no allocation per step.
import { deriveSeed, Random } from '../../../src/domain/random';
import { defaultProjectedDimensions, gaussianProjectionMatrix, projectRows } from './randomProjection';

export interface CoresetOptions {
  /** Number of patches to keep (k). */
  targetSize: number;
  /** Drives the projection and the first patch; record it with the model for reproducibility. */
  seed: number;
  /** Features wider than this are projected to this width first; narrower ones are used as they are. */
  projectedDimensions?: number;
}

/** A selected patch is marked so it can never be the farthest again (real distances are ≥ 0). */
const alreadySelected = -1;
/** Squared distances are checked against the current minimum every this many dimensions (a multiple of 4, the kernel step). */
const earlyExitStride = 16;

/** At least one patch, so a tiny ratio still yields a usable bank. */
export function coresetSize(patchCount: number, ratio: number): number {
  return Math.min(patchCount, Math.max(1, Math.round(patchCount * ratio)));
}

/** Indices of the kept patches (rows of `features`, count × dimensions), in the order they were chosen. */
export function greedyCoreset(features: Float32Array, dimensions: number, options: CoresetOptions): Uint32Array {
  const patchCount = checkShape(features, dimensions);
  if (patchCount === 0) return new Uint32Array(0);
  const projectedDimensions = options.projectedDimensions ?? defaultProjectedDimensions;
  const space =
    dimensions > projectedDimensions
      ? projectRows(features, dimensions, gaussianProjectionMatrix(dimensions, projectedDimensions, deriveSeed(options.seed, 0)), projectedDimensions)
      : features;
  const spaceDimensions = Math.min(dimensions, projectedDimensions);
  const startIndex = new Random(deriveSeed(options.seed, 1)).int(0, patchCount - 1);
  return farthestPointSelection(space, spaceDimensions, options.targetSize, startIndex);
}

/**
 * The greedy core on points as given: after `startIndex`, each pick is the point whose squared distance
 * to its nearest selected point is largest (lowest index on ties).
 */
export function farthestPointSelection(rows: Float32Array, rowDimensions: number, targetSize: number, startIndex: number): Uint32Array {
  const pointCount = checkShape(rows, rowDimensions);
  const { rows: points, dimensions } = padToMultipleOf4(rows, rowDimensions);
  const size = Math.min(targetSize, pointCount);
  if (!(startIndex >= 0 && startIndex < pointCount) && size > 0) throw new RangeError(`startIndex ${startIndex} is outside 0–${pointCount - 1}`);
  const selected = new Uint32Array(size);
  if (size === 0) return selected;
  const nearestSelected = new Float64Array(pointCount).fill(Number.POSITIVE_INFINITY);
  selected[0] = startIndex;
  nearestSelected[startIndex] = alreadySelected;
  for (let step = 1; step < size; step += 1) {
    const centreStart = selected[step - 1]! * dimensions;
    let farthest = -1;
    let farthestDistance = alreadySelected;
    for (let point = 0; point < pointCount; point += 1) {
      let nearest = nearestSelected[point]!;
      if (nearest === alreadySelected) continue;
      const distance = squaredDistanceBelow(points, point * dimensions, centreStart, dimensions, nearest);
      if (distance < nearest) {
        nearest = distance;
        nearestSelected[point] = distance;
      }
      if (nearest > farthestDistance) {
        farthestDistance = nearest;
        farthest = point;
      }
    }
    selected[step] = farthest;
    nearestSelected[farthest] = alreadySelected;
  }
  return selected;
}

/**
 * Squared distance between two rows, or a partial sum ≥ `limit` as soon as one shows the distance cannot be
 * below it (adding squares never decreases the sum), so the caller's `distance < limit` test is unchanged.
 * Four partial sums break the floating-point add chain; rows are float32 because the scan over all points
 * at every step is bound by memory bandwidth. Dimensions must be a multiple of 4 (see padToMultipleOf4).
 */
function squaredDistanceBelow(points: Float32Array, aStart: number, bStart: number, dimensions: number, limit: number): number {
  let sum0 = 0;
  let sum1 = 0;
  let sum2 = 0;
  let sum3 = 0;
  let a = aStart;
  let b = bStart;
  const end = aStart + dimensions;
  let nextCheck = aStart + earlyExitStride;
  for (;;) {
    const difference0 = points[a]! - points[b]!;
    const difference1 = points[a + 1]! - points[b + 1]!;
    const difference2 = points[a + 2]! - points[b + 2]!;
    const difference3 = points[a + 3]! - points[b + 3]!;
    sum0 += difference0 * difference0;
    sum1 += difference1 * difference1;
    sum2 += difference2 * difference2;
    sum3 += difference3 * difference3;
    a += 4;
    b += 4;
    if (a === end) return sum0 + sum1 + sum2 + sum3;
    if (a === nextCheck) {
      const partial = sum0 + sum1 + sum2 + sum3;
      if (partial >= limit) return partial;
      nextCheck += earlyExitStride;
    }
  }
}

/** Zero columns change no distance, and let the distance kernel step four dimensions at a time. */
function padToMultipleOf4(rows: Float32Array, dimensions: number): { rows: Float32Array; dimensions: number } {
  if (dimensions % 4 === 0) return { rows, dimensions };
  const padded = Math.ceil(dimensions / 4) * 4;
  const rowCount = rows.length / dimensions;
  const result = new Float32Array(rowCount * padded);
  for (let row = 0; row < rowCount; row += 1) result.set(rows.subarray(row * dimensions, (row + 1) * dimensions), row * padded);
  return { rows: result, dimensions: padded };
}

function checkShape(rows: Float32Array, dimensions: number): number {
  if (!Number.isInteger(dimensions) || dimensions < 1 || rows.length % dimensions !== 0) {
    throw new RangeError(`${rows.length} values do not form rows of ${dimensions} dimensions`);
  }
  return rows.length / dimensions;
}
