// Per-patch class probabilities → a label-index mask at the project size, as graph nodes shared by the
// packaged model and the training-time evaluation session, so both produce the same pixels.
import { GraphBuilder, attr } from '../onnx';
import { resizeTo } from '../features/featureGraph';
import type { ImageSize } from '../features/featureGraph';
import { appendHeadInference } from './headGraph';
import type { HeadWeights } from './headGraph';

/** Used when validation cannot tune it (no held-out anomaly): an anomaly class must beat one half. */
export const defaultMaskProbabilityThreshold = 0.5;

export interface LabelMaskInputs {
  /** float32 [grid², C], class 0 = background. */
  probabilities: string;
  grid: number;
  classCount: number;
  size: ImageSize;
  /** Project label index (mask value) of head class k at position k − 1. */
  labelIndices: readonly number[];
  /** float32 scalar: a pixel gets its most probable anomaly class when that class's probability reaches it. */
  maskProbabilityThreshold: string;
}

/**
 * uint8 [1, H, W] label indices (0 = background). Probabilities are resized bilinearly (half-pixel, like
 * the anomaly map) before the decision, so masks follow smooth boundaries instead of 28x28 blocks.
 */
export function appendLabelMask(graph: GraphBuilder, inputs: LabelMaskInputs, output?: string): string {
  const { grid, classCount, size } = inputs;
  if (inputs.labelIndices.length !== classCount - 1) throw new RangeError(`${inputs.labelIndices.length} label indices for ${classCount - 1} anomaly classes`);
  const classMaps = graph.node('Reshape', [
    graph.node('Transpose', [inputs.probabilities], { perm: attr.ints([1, 0]) }),
    graph.int64Initializer(graph.freshName('mask/class_grid_shape'), [4], [1, classCount, grid, grid]),
  ]);
  const resized = resizeTo(graph, classMaps, [1, classCount, size.height, size.width], graph.freshName('mask/class_maps'));
  const anomalyMaps = graph.node('Slice', [
    resized,
    graph.int64Initializer(graph.freshName('mask/anomaly_start'), [1], [1]),
    graph.int64Initializer(graph.freshName('mask/anomaly_end'), [1], [classCount]),
    graph.int64Initializer(graph.freshName('mask/class_axis'), [1], [1]),
  ]);
  const bestAnomalyProbability = graph.node('ReduceMax', [anomalyMaps], { axes: attr.ints([1]), keepdims: attr.int(0) });
  const bestAnomalyClass = graph.node('ArgMax', [anomalyMaps], { axis: attr.int(1), keepdims: attr.int(0) });
  const labelIndexTable = graph.int64Initializer(graph.freshName('mask/label_indices'), [classCount - 1], inputs.labelIndices);
  const labelOfBest = graph.node('Gather', [labelIndexTable, bestAnomalyClass], { axis: attr.int(0) });
  const isAnomaly = graph.node('GreaterOrEqual', [bestAnomalyProbability, inputs.maskProbabilityThreshold]);
  const background = graph.int64Initializer(graph.freshName('mask/background'), [], [0]);
  const labels = graph.node('Where', [isAnomaly, labelOfBest, background]);
  return graph.node('Cast', [labels], { to: attr.int(2) /* UINT8 */ }, output === undefined ? {} : { output });
}

export const maskEvaluationInputs = { features: 'patch_features', threshold: 'mask_probability_threshold' } as const;
export const maskEvaluationOutput = 'anomaly_mask';

/** Training-time twin of the packaged head: head rows [grid², D] + threshold in, label mask [1, H, W] out. */
export function buildMaskEvaluationGraph(weights: HeadWeights, grid: number, size: ImageSize, labelIndices: readonly number[]): Uint8Array {
  const graph = new GraphBuilder('segmentation-mask-evaluation');
  const features = graph.input(maskEvaluationInputs.features, 'float32', [grid * grid, weights.dims.featureCount]);
  const threshold = graph.input(maskEvaluationInputs.threshold, 'float32', []);
  const probabilities = appendHeadInference(graph, features, weights);
  const mask = appendLabelMask(graph, { probabilities, grid, classCount: weights.dims.classCount, size, labelIndices, maskProbabilityThreshold: threshold }, maskEvaluationOutput);
  graph.output(mask, 'uint8', [1, size.height, size.width]);
  return graph.serialize({ docString: 'Segmentation head + label mask at the project size, threshold as input' });
}
