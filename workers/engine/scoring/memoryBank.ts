// The memory bank of normal patch features: a greedy coreset of the training normals' patches,
// stored transposed with squared row norms, as the kNN Gemm wants it.
import { deriveSeed, Random } from '../../../src/domain/random';
import { coresetSize, greedyCoreset } from '../memoryBank/coreset';
import { gaussianProjectionMatrix, projectRows } from '../memoryBank/randomProjection';

export interface MemoryBank {
  dimensions: number;
  size: number;
  /** [dimensions, size] row-major. */
  transposed: Float32Array;
  /** [size]. */
  squaredNorms: Float32Array;
}

/** Patch rows of one image, full width for scoring and projected for the coreset's distances. */
export interface ProjectedPatches {
  patches: Float32Array;
  projected: Float32Array;
}

export interface CoresetSpace {
  dimensions: number;
  projectedDimensions: number;
}

/**
 * Projects each image's patches once, so that every cross-validation fold's coreset reuses them (the
 * projection is per row; in plain JS it costs about as much as the coreset itself).
 */
export function projectPatches(imagePatches: readonly Float32Array[], space: CoresetSpace, seed: number): ProjectedPatches[] {
  const matrix = gaussianProjectionMatrix(space.dimensions, space.projectedDimensions, deriveSeed(seed, 0));
  return imagePatches.map((patches) => ({ patches, projected: projectRows(patches, space.dimensions, matrix, space.projectedDimensions) }));
}

/**
 * The coreset of all given images' patches laid out for scoring: share `coresetRatio` of `sizeBasisPatches`
 * (all given patches by default; another count when re-framed copies join the candidates but must not grow the
 * bank, or when a bank of some normals is sized like the bank of all), at most `maxPatches` and the patches given.
 */
export function buildMemoryBank(
  images: readonly ProjectedPatches[],
  space: CoresetSpace,
  coresetRatio: number,
  seed: number,
  sizeBasisPatches?: number,
  maxPatches = Infinity,
): MemoryBank {
  const rows = concatenate(images.map((image) => image.patches));
  const projected = concatenate(images.map((image) => image.projected));
  const patchCount = rows.length / space.dimensions;
  // Already projected: greedyCoreset measures distances on these rows as they are.
  const kept = greedyCoreset(projected, space.projectedDimensions, {
    targetSize: Math.min(maxPatches, patchCount, coresetSize(sizeBasisPatches ?? patchCount, coresetRatio)),
    seed,
    projectedDimensions: space.projectedDimensions,
  });
  return memoryBankFromRows(rows, space.dimensions, kept);
}

/** A seeded random `keepShare` of the rows of `rows` ([n, dimensions] row-major), in their order; at least one. */
export function sampleRows(rows: Float32Array, dimensions: number, keepShare: number, seed: number): Float32Array {
  const count = rows.length / dimensions;
  const keep = Math.min(count, Math.max(1, Math.round(count * keepShare)));
  const random = new Random(seed);
  // Selection sampling (Knuth's algorithm S): each row is kept with probability (still needed) / (still left).
  const sampled = new Float32Array(keep * dimensions);
  let kept = 0;
  for (let row = 0; row < count && kept < keep; row += 1) {
    if (random.next() * (count - row) < keep - kept) {
      sampled.set(rows.subarray(row * dimensions, (row + 1) * dimensions), kept * dimensions);
      kept += 1;
    }
  }
  return sampled;
}

/** The bank of the given rows of `rows` ([n, dimensions] row-major). */
export function memoryBankFromRows(rows: Float32Array, dimensions: number, selected: ArrayLike<number>): MemoryBank {
  const size = selected.length;
  const transposed = new Float32Array(dimensions * size);
  const squaredNorms = new Float32Array(size);
  for (let column = 0; column < size; column += 1) {
    const start = selected[column]! * dimensions;
    let norm = 0;
    for (let dimension = 0; dimension < dimensions; dimension += 1) {
      const value = rows[start + dimension]!;
      transposed[dimension * size + column] = value;
      norm += value * value;
    }
    squaredNorms[column] = norm;
  }
  return { dimensions, size, transposed, squaredNorms };
}

export function concatenate(parts: readonly Float32Array[]): Float32Array {
  const result = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  return result;
}
