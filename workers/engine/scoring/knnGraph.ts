// kNN scoring as ONNX ops: each patch's Euclidean distance to its nearest memory-bank row,
// |q|² − 2 q·b + |b|² with one Gemm against the bank stored transposed, then the anomaly map
// (Gaussian blur on the patch grid) and the raw image score = its maximum inside the frame's border.
import { attr } from '../onnx';
import type { GraphBuilder } from '../onnx';
import { appendScoredCentre, scoreBorderCells } from '../features/frameBorder';
import { appendGaussianBlur, blurSigmaCells } from './gaussianBlur';

export interface KnnScoringValues {
  /** Nearest-neighbour distance per patch, [grid²]. */
  distances: string;
  /** Blurred raw-distance map on the patch grid, [1, 1, grid, grid]. */
  rawMap: string;
  /** Maximum of the blurred map without its border cells (`scoreBorderCells`), [1]. */
  rawScore: string;
}

export interface KnnScoringInputs {
  /** float32 [patches, dimensions]. */
  patches: string;
  /** float32 [dimensions, bankSize]: the bank transposed, so the product is a plain MatMul. */
  bankTransposed: string;
  /** float32 [bankSize]: |b|² per bank row. */
  bankSquaredNorms: string;
  grid: number;
  /** Backbone input side in pixels, where PatchCore's blur σ is defined (a grid cell is inputSide / grid px). */
  inputSide: number;
}

export function appendKnnScoring(graph: GraphBuilder, inputs: KnnScoringInputs): KnnScoringValues {
  const { patches, bankTransposed, bankSquaredNorms, grid, inputSide } = inputs;
  // min_b(|q|² − 2 q·b + |b|²) = |q|² + min_b(|b|² − 2 q·b): one Gemm (alpha −2, |b|² as C) over the
  // [patches, bank] matrix, and |q|² added after the reduction on a single column.
  const crossTerms = graph.node(
    'Gemm',
    [patches, bankTransposed, bankSquaredNorms],
    { alpha: attr.float(-2), beta: attr.float(1) },
    { output: 'knn/cross_terms' },
  );
  const nearestPartial = graph.node('ReduceMin', [crossTerms], { axes: attr.ints([1]), keepdims: attr.int(0) }, { output: 'knn/nearest_partial' });
  const squares = graph.node('Mul', [patches, patches], {}, { output: 'knn/query_squares' });
  const queryNorms = graph.node(
    'ReduceSum',
    [squares, graph.int64Initializer('knn/feature_axis', [1], [1])],
    { keepdims: attr.int(0) },
    { output: 'knn/query_norms' },
  );
  const squaredDistances = graph.node('Add', [nearestPartial, queryNorms], {}, { output: 'knn/squared_distances' });
  // Rounding can make a zero distance slightly negative; Relu clamps it before the square root.
  const distances = graph.node('Sqrt', [graph.node('Relu', [squaredDistances], {}, { output: 'knn/clamped' })], {}, { output: 'knn/distances' });
  const gridMap = graph.node('Reshape', [distances, graph.int64Initializer('knn/map_shape', [4], [1, 1, grid, grid])], {}, { output: 'knn/grid_map' });
  const rawMap = appendGaussianBlur(graph, gridMap, blurSigmaCells(inputSide / grid), 'knn/raw_map');
  const border = scoreBorderCells(grid);
  const inner = grid - 2 * border;
  const scoredCells = appendScoredCentre(graph, rawMap, grid, border, 'knn/scored_map');
  // The maximum of a bilinear upsampling is attained on the grid, so the score needs no full-size map.
  const rawScore = graph.node(
    'ReduceMax',
    [graph.node('Reshape', [scoredCells, graph.int64Initializer('knn/cells_shape', [2], [1, inner * inner])], {}, { output: 'knn/cells' })],
    { axes: attr.ints([1]), keepdims: attr.int(0) },
    { output: 'knn/raw_score' },
  );
  return { distances, rawMap, rawScore };
}
