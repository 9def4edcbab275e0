// The memory bank of normal patch features: a greedy coreset of the training normals' patches,
// stored transposed with squared row norms, as the kNN Gemm wants it.
import { coresetSize, greedyCoreset } from '../memoryBank/coreset';

export interface MemoryBank {
  dimensions: number;
  size: number;
  /** [dimensions, size] row-major. */
  transposed: Float32Array;
  /** [size]. */
  squaredNorms: Float32Array;
}

export interface MemoryBankOptions {
  /** Share of all normal patches kept, 0–1. */
  coresetRatio: number;
  seed: number;
  /** Width of the random projection the coreset distances are measured on. */
  projectedDimensions: number;
}

/** Concatenates per-image patch rows, picks the coreset and lays it out for scoring. */
export function buildMemoryBank(imagePatches: readonly Float32Array[], dimensions: number, options: MemoryBankOptions): MemoryBank {
  const total = imagePatches.reduce((sum, patches) => sum + patches.length, 0);
  const all = new Float32Array(total);
  let offset = 0;
  for (const patches of imagePatches) {
    all.set(patches, offset);
    offset += patches.length;
  }
  const patchCount = total / dimensions;
  const kept = greedyCoreset(all, dimensions, {
    targetSize: coresetSize(patchCount, options.coresetRatio),
    seed: options.seed,
    projectedDimensions: options.projectedDimensions,
  });
  return memoryBankFromRows(all, dimensions, kept);
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
