// kNN scoring graph against brute force on small random data: per-patch nearest distances, the
// Gaussian kernel, and the raw score as the maximum of the map blurred on the patch grid, inside its border.
import { beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../src/domain/random';
import { blurSigmaCells, buildMemoryBank, gaussianKernel, memoryBankFromRows, PatchScorer, projectPatches } from '../../workers/engine/scoring';
import { scoreBorderCells } from '../../workers/engine/features';
import { nearestNeighbourDistances } from './helpers/bruteForceKnn';

const layout = { grid: 4, dimensions: 10 };
/** Backbone input side: 8 px per grid cell, the stride-8 grid of the real backbones. */
const inputSide = 32;
const patchCount = layout.grid * layout.grid;

function randomRows(count: number, seed: number): Float32Array {
  const random = new Random(seed);
  return Float32Array.from({ length: count * layout.dimensions }, () => random.uniform(-2, 2));
}

/** Separable blur of a side × side map with reflected borders (…, 2, 1 | 0, 1, 2, …), in plain JS. */
function referenceBlur(map: Float32Array, side: number, kernel: Float32Array): Float64Array {
  const radius = (kernel.length - 1) / 2;
  const reflect = (index: number) => (index < 0 ? -index : index >= side ? 2 * (side - 1) - index : index);
  const pass = (source: ArrayLike<number>, alongRows: boolean) =>
    Float64Array.from({ length: side * side }, (_, cell) => {
      const row = Math.floor(cell / side);
      const column = cell % side;
      return Array.from(kernel).reduce(
        (sum, tap, k) => sum + tap * (alongRows ? source[row * side + reflect(column + k - radius)]! : source[reflect(row + k - radius) * side + column]!),
        0,
      );
    });
  return pass(pass(map, true), false);
}

describe('kNN scoring graph', () => {
  let scorer: PatchScorer;
  beforeAll(async () => {
    scorer = await PatchScorer.create(layout, inputSide);
  });

  it('matches brute-force nearest-neighbour distances', async () => {
    const bankRows = randomRows(37, 1);
    const queries = randomRows(patchCount, 2);
    const bank = memoryBankFromRows(
      bankRows,
      layout.dimensions,
      Array.from({ length: 37 }, (_, index) => index),
    );
    const { distances } = await scorer.score(queries, bank);
    const expected = nearestNeighbourDistances(queries, bankRows, layout.dimensions);
    distances.forEach((distance, index) => expect(distance).toBeCloseTo(expected[index]!, 4));
  });

  it('gives zero distance to a patch that is in the bank', async () => {
    const queries = randomRows(patchCount, 3);
    const bank = memoryBankFromRows(queries, layout.dimensions, [5, 9]);
    const { distances } = await scorer.score(queries, bank);
    expect(distances[5]).toBe(0);
    expect(distances[9]).toBe(0);
  });

  it('scores the maximum of the grid map blurred as PatchCore blurs, which peaks at the odd patch', async () => {
    const normal = randomRows(1, 4);
    const queries = new Float32Array(patchCount * layout.dimensions);
    for (let patch = 0; patch < patchCount; patch += 1) queries.set(normal, patch * layout.dimensions);
    queries.fill(5, 6 * layout.dimensions, 7 * layout.dimensions);
    const { distances, rawMap, rawScore } = await scorer.score(queries, memoryBankFromRows(normal, layout.dimensions, [0]));
    expect(rawMap).toHaveLength(patchCount);
    expect(rawScore).toBe(Math.max(...rawMap));
    expect(rawMap.indexOf(rawScore)).toBe(6);
    const expected = referenceBlur(distances, layout.grid, gaussianKernel(blurSigmaCells(inputSide / layout.grid)));
    rawMap.forEach((value, cell) => expect(value, `cell ${cell}`).toBeCloseTo(expected[cell]!, 4));
  });

  it('leaves the frame border out of the image score, not out of the map', async () => {
    // 10 × 10 cells: one cell per side is border (10 % of the side).
    const wide = { grid: 10, dimensions: layout.dimensions };
    const cells = wide.grid * wide.grid;
    expect(scoreBorderCells(wide.grid)).toBe(1);
    const wideScorer = await PatchScorer.create(wide, 8 * wide.grid);
    const normal = randomRows(1, 6);
    const bank = memoryBankFromRows(normal, layout.dimensions, [0]);
    const withOddCell = async (cell: number) => {
      const queries = new Float32Array(cells * layout.dimensions);
      for (let patch = 0; patch < cells; patch += 1) queries.set(normal, patch * layout.dimensions);
      queries.fill(5, cell * layout.dimensions, (cell + 1) * layout.dimensions);
      return wideScorer.score(queries, bank);
    };
    const innerMaximum = (map: Float32Array) =>
      Math.max(...Array.from(map).filter((_, cell) => [Math.floor(cell / wide.grid), cell % wide.grid].every((index) => index >= 1 && index < wide.grid - 1)));
    // On the top edge: the map peaks there, the score is only what the blur carries inside.
    const onEdge = await withOddCell(4);
    expect(onEdge.rawMap.indexOf(Math.max(...onEdge.rawMap))).toBe(4);
    expect(onEdge.rawScore).toBeCloseTo(innerMaximum(onEdge.rawMap), 5);
    expect(onEdge.rawScore).toBeLessThan(Math.max(...onEdge.rawMap) / 2);
    // One cell in from the edge: scored in full.
    const inside = await withOddCell(14);
    expect(inside.rawScore).toBe(Math.max(...inside.rawMap));
    expect(inside.rawMap.indexOf(inside.rawScore)).toBe(14);
    await wideScorer.release();
  });

  it('keeps a coreset of the requested share with matching squared norms', () => {
    const rows = randomRows(200, 5);
    const space = { dimensions: layout.dimensions, projectedDimensions: 8 };
    const bank = buildMemoryBank(projectPatches([rows.subarray(0, 1000), rows.subarray(1000)], space, 7), space, 0.1, 7);
    expect(bank.size).toBe(20);
    expect(bank.transposed).toHaveLength(20 * layout.dimensions);
    const firstColumn = Array.from({ length: layout.dimensions }, (_, dimension) => bank.transposed[dimension * bank.size]!);
    const norm = firstColumn.reduce((sum, value) => sum + value * value, 0);
    expect(bank.squaredNorms[0]).toBeCloseTo(norm, 5);
  });
});

describe('gaussianKernel', () => {
  it('is symmetric, sums to one and reaches ±3σ', () => {
    const kernel = gaussianKernel(4);
    expect(kernel).toHaveLength(25);
    expect(kernel.reduce((sum, tap) => sum + tap, 0)).toBeCloseTo(1, 6);
    expect(kernel[0]).toBeCloseTo(kernel[24]!, 7);
    expect(Math.max(...kernel)).toBe(kernel[12]);
  });

  it("blurs the grid as bilinear upsampling (variance 1/6 cell²) plus PatchCore's σ = 4 px did", () => {
    expect(blurSigmaCells(8)).toBeCloseTo(Math.sqrt(0.25 + 1 / 6), 10);
    expect(gaussianKernel(blurSigmaCells(8))).toHaveLength(5);
  });
});
