// The segmentation head: a per-patch MLP (standardise → D×H MatMul → ReLU → H×C MatMul) over patch rows
// [P, D], shared by the inference graph, the training-step graph and the validation-loss graph. Rows, not a
// 1x1 Conv on [1, D, 28, 28]: training batches mix patches of many images, and kNN scoring already uses rows.
import { GraphBuilder, attr } from '../onnx';

export interface HeadDimensions {
  /** Per-patch feature length D: backbone dimensions plus the kNN distance (184 + 1 for MobileNetV2Mid). */
  readonly featureCount: number;
  readonly hiddenUnits: number;
  /** Background plus one class per anomaly label. */
  readonly classCount: number;
}

/** Input standardisation measured on the training patches; fixed while the head trains. */
export interface FeatureStandardisation {
  readonly mean: Float32Array;
  /** 1 / standard deviation, so the graph multiplies instead of dividing. */
  readonly inverseStd: Float32Array;
}

/** Row-major weights: w1 [D, H], b1 [H], w2 [H, C], b2 [C]. */
export interface HeadParameters {
  readonly w1: Float32Array;
  readonly b1: Float32Array;
  readonly w2: Float32Array;
  readonly b2: Float32Array;
}

export interface HeadWeights extends HeadParameters {
  readonly dims: HeadDimensions;
  readonly standardisation: FeatureStandardisation;
}

export const headParameterNames = ['w1', 'b1', 'w2', 'b2'] as const;
export type HeadParameterName = (typeof headParameterNames)[number];

export function headParameterShapes(dims: HeadDimensions): Record<HeadParameterName, number[]> {
  return {
    w1: [dims.featureCount, dims.hiddenUnits],
    b1: [dims.hiddenUnits],
    w2: [dims.hiddenUnits, dims.classCount],
    b2: [dims.classCount],
  };
}

/** Graph value names of the four parameters, wherever they come from (inputs or initializers). */
export type HeadParameterValues = Record<HeadParameterName, string>;

export interface HeadForwardValues {
  readonly standardised: string;
  /** Hidden layer before ReLU; its sign is the ReLU mask of the backward pass. */
  readonly preActivation: string;
  readonly hidden: string;
  readonly logits: string;
}

/** Standard deviations below this are treated as constant features (scale 1), not blown up. */
const minimumFeatureStd = 1e-6;

/** Per-dimension mean and inverse std over row-major patches [N, D]; accumulated in float64. */
export function measureStandardisation(patches: Float32Array, featureCount: number): FeatureStandardisation {
  const rows = patches.length / featureCount;
  if (!Number.isInteger(rows) || rows === 0) throw new RangeError(`Expected a non-empty [N, ${featureCount}] patch array, got ${patches.length} values`);
  const sum = new Float64Array(featureCount);
  const sumOfSquares = new Float64Array(featureCount);
  for (let row = 0; row < rows; row++) {
    const offset = row * featureCount;
    for (let d = 0; d < featureCount; d++) {
      const value = patches[offset + d]!;
      sum[d]! += value;
      sumOfSquares[d]! += value * value;
    }
  }
  const mean = new Float32Array(featureCount);
  const inverseStd = new Float32Array(featureCount);
  for (let d = 0; d < featureCount; d++) {
    const average = sum[d]! / rows;
    const std = Math.sqrt(Math.max(0, sumOfSquares[d]! / rows - average * average));
    mean[d] = average;
    inverseStd[d] = std < minimumFeatureStd ? 1 : 1 / std;
  }
  return { mean, inverseStd };
}

/**
 * Adds the forward pass on patch rows `features` [P, D]. The standardisation is baked in as weights
 * under `namePrefix`, so a packaged model and a training step built from the same numbers agree.
 */
export function appendHeadForward(
  graph: GraphBuilder,
  features: string,
  parameters: HeadParameterValues,
  standardisation: FeatureStandardisation,
  namePrefix = 'head_',
): HeadForwardValues {
  const featureCount = standardisation.mean.length;
  const mean = graph.floatInitializer(`${namePrefix}feature_mean`, [featureCount], standardisation.mean);
  const inverseStd = graph.floatInitializer(`${namePrefix}feature_inverse_std`, [featureCount], standardisation.inverseStd);
  const standardised = graph.node('Mul', [graph.node('Sub', [features, mean]), inverseStd]);
  const preActivation = graph.node('Add', [graph.node('MatMul', [standardised, parameters.w1]), parameters.b1]);
  const hidden = graph.node('Relu', [preActivation]);
  const logits = graph.node('Add', [graph.node('MatMul', [hidden, parameters.w2]), parameters.b2]);
  return { standardised, preActivation, hidden, logits };
}

export const headInferenceInput = 'patch_features';
export const headInferenceOutput = 'patch_class_probabilities';

/**
 * Adds the trained head with its weights baked in, reading patch rows `features` [P, D]; returns the
 * [P, C] class-probability value (class 0 = background). Used by the packager to splice the head in.
 */
export function appendHeadInference(graph: GraphBuilder, features: string, weights: HeadWeights, namePrefix = 'head_', output?: string): string {
  const shapes = headParameterShapes(weights.dims);
  const parameters = Object.fromEntries(
    headParameterNames.map((name) => [name, graph.floatInitializer(`${namePrefix}${name}`, shapes[name], weights[name])]),
  ) as HeadParameterValues;
  const { logits } = appendHeadForward(graph, features, parameters, weights.standardisation, namePrefix);
  return graph.node('Softmax', [logits], { axis: attr.int(1) }, output === undefined ? {} : { output });
}

/** Stand-alone inference model: `patch_features` [P, D] → `patch_class_probabilities` [P, C]. */
export function buildHeadInferenceGraph(weights: HeadWeights): Uint8Array {
  const { featureCount, classCount } = weights.dims;
  const graph = new GraphBuilder('segmentation-head');
  const features = graph.input(headInferenceInput, 'float32', ['patches', featureCount]);
  const probabilities = appendHeadInference(graph, features, weights, 'head_', headInferenceOutput);
  graph.output(probabilities, 'float32', ['patches', classCount]);
  return graph.serialize({ docString: 'Segmentation head: per-patch class probabilities, class 0 = background' });
}
