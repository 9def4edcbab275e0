// Seeded Gaussian random projection (Johnson–Lindenstrauss) of patch features, so the coreset's
// distance computations run in at most 128 dimensions while pairwise distances stay nearly the same.
import { Random } from '../../../src/domain/random';

/** Projected width used for coreset selection (PatchCore uses 128). */
export const defaultProjectedDimensions = 128;

/** Input × output matrix, row-major, entries N(0, 1) / √output so squared norms are preserved in expectation. */
export function gaussianProjectionMatrix(inputDimensions: number, outputDimensions: number, seed: number): Float32Array {
  const random = new Random(seed);
  const scale = 1 / Math.sqrt(outputDimensions);
  const matrix = new Float32Array(inputDimensions * outputDimensions);
  for (let index = 0; index < matrix.length; index += 1) matrix[index] = random.normal() * scale;
  return matrix;
}

/** rows (count × inputDimensions) · matrix (inputDimensions × outputDimensions), accumulated in double precision. */
export function projectRows(rows: Float32Array, inputDimensions: number, matrix: Float32Array, outputDimensions: number): Float32Array {
  const rowCount = rows.length / inputDimensions;
  const projected = new Float32Array(rowCount * outputDimensions);
  const accumulator = new Float64Array(outputDimensions);
  for (let row = 0; row < rowCount; row += 1) {
    accumulator.fill(0);
    const rowStart = row * inputDimensions;
    for (let input = 0; input < inputDimensions; input += 1) {
      const value = rows[rowStart + input]!;
      // Post-ReLU features are often exactly zero.
      if (value === 0) continue;
      const matrixStart = input * outputDimensions;
      for (let output = 0; output < outputDimensions; output += 1) accumulator[output]! += value * matrix[matrixStart + output]!;
    }
    projected.set(accumulator, row * outputDimensions);
  }
  return projected;
}
