// Per-patch class probabilities → a label-index mask at the project size, as graph nodes shared by the
// packaged model and the training-time evaluation session, so both produce the same pixels.
import { GraphBuilder, attr } from '../onnx';
import { resizeTo } from '../features/featureGraph';
import type { ImageSize } from '../../../src/contracts/modelMetadata';
import type { PixelRect } from '../../../src/domain/inspectionRegion';
import { appendHeadInference } from './headGraph';
import type { HeadWeights } from './headGraph';

/** ONNX TensorProto.DataType of the mask. */
const uint8Type = 2;

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
  /** The pixels the patch grid covers (the project's region of interest); the rest of the mask is 0. */
  region: PixelRect;
}

/**
 * uint8 [1, H, W] label indices (0 = background). The decisions are taken on the patch grid and only cheap
 * maps reach the project size: the best anomaly probability, resized bilinearly (half-pixel centres) so that
 * masks follow smooth boundaries instead of 28x28 blocks, then thresholded; and, with several
 * labels, the best anomaly class's label, resized nearest. With one anomaly label this equals resizing every
 * class map and deciding per pixel, at a fraction of the full-resolution work.
 */
export function appendLabelMask(graph: GraphBuilder, inputs: LabelMaskInputs, output?: string): string {
  const { grid, classCount, size, labelIndices, region } = inputs;
  if (labelIndices.length !== classCount - 1) throw new RangeError(`${labelIndices.length} label indices for ${classCount - 1} anomaly classes`);
  const anomalyProbabilities = graph.node('Slice', [
    inputs.probabilities,
    graph.int64Initializer(graph.freshName('mask/anomaly_start'), [1], [1]),
    graph.int64Initializer(graph.freshName('mask/anomaly_end'), [1], [classCount]),
    graph.int64Initializer(graph.freshName('mask/class_axis'), [1], [1]),
  ]);
  const gridShape = graph.int64Initializer(graph.freshName('mask/grid_shape'), [4], [1, 1, grid, grid]);
  const mapSize = [1, 1, region.height, region.width];

  const bestAnomalyProbability = graph.node('Reshape', [
    graph.node('ReduceMax', [anomalyProbabilities], { axes: attr.ints([1]), keepdims: attr.int(0) }),
    gridShape,
  ]);
  const probabilityMap = resizeTo(graph, bestAnomalyProbability, mapSize, graph.freshName('mask/probability_map'));
  const isAnomaly = graph.node('GreaterOrEqual', [probabilityMap, inputs.maskProbabilityThreshold]);

  let labelMap: string;
  if (labelIndices.length === 1) {
    labelMap = uint8Constant(graph, 'mask/only_label', labelIndices[0]!);
  } else {
    const bestAnomalyClass = graph.node('ArgMax', [anomalyProbabilities], { axis: attr.int(1), keepdims: attr.int(0) });
    const labelIndexTable = graph.int64Initializer(graph.freshName('mask/label_indices'), [classCount - 1], labelIndices);
    const labelOfBest = graph.node('Cast', [graph.node('Gather', [labelIndexTable, bestAnomalyClass], { axis: attr.int(0) })], { to: attr.int(uint8Type) });
    labelMap = graph.node(
      'Resize',
      [graph.node('Reshape', [labelOfBest, gridShape]), '', '', graph.int64Initializer(graph.freshName('mask/label_map_sizes'), [4], mapSize)],
      { mode: attr.string('nearest'), coordinate_transformation_mode: attr.string('half_pixel') },
    );
  }
  const labels = padToPicture(graph, graph.node('Where', [isAnomaly, labelMap, uint8Constant(graph, 'mask/background', 0)]), region, size);
  const maskShape = graph.int64Initializer(graph.freshName('mask/shape'), [3], [1, size.height, size.width]);
  return graph.node('Reshape', [labels, maskShape], {}, output === undefined ? {} : { output });
}

/** The region's [1, 1, h, w] labels placed in a [1, 1, H, W] picture of background (0) labels. */
function padToPicture(graph: GraphBuilder, labels: string, region: PixelRect, size: ImageSize): string {
  const right = size.width - region.left - region.width;
  const bottom = size.height - region.top - region.height;
  if (region.left === 0 && region.top === 0 && right === 0 && bottom === 0) return labels;
  const pads = graph.int64Initializer(graph.freshName('mask/region_pads'), [8], [0, 0, region.top, region.left, 0, 0, bottom, right]);
  return graph.node('Pad', [labels, pads], { mode: attr.string('constant') });
}

/** A uint8 scalar (GraphBuilder stores integers as int64; ORT folds the Cast at load). */
function uint8Constant(graph: GraphBuilder, name: string, value: number): string {
  return graph.node('Cast', [graph.int64Initializer(graph.freshName(name), [], [value])], { to: attr.int(uint8Type) });
}

export const maskEvaluationInputs = { features: 'patch_features', threshold: 'mask_probability_threshold' } as const;
export const maskEvaluationOutput = 'anomaly_mask';

/** Training-time twin of the packaged head: head rows [grid², D] + threshold in, label mask [1, H, W] out. */
export function buildMaskEvaluationGraph(weights: HeadWeights, grid: number, size: ImageSize, region: PixelRect, labelIndices: readonly number[]): Uint8Array {
  const graph = new GraphBuilder('segmentation-mask-evaluation');
  const features = graph.input(maskEvaluationInputs.features, 'float32', [grid * grid, weights.dims.featureCount]);
  const threshold = graph.input(maskEvaluationInputs.threshold, 'float32', []);
  const probabilities = appendHeadInference(graph, features, weights);
  const mask = appendLabelMask(
    graph,
    { probabilities, grid, classCount: weights.dims.classCount, size, region, labelIndices, maskProbabilityThreshold: threshold },
    maskEvaluationOutput,
  );
  graph.output(mask, 'uint8', [1, size.height, size.width]);
  return graph.serialize({ docString: 'Segmentation head + label mask at the project size, threshold as input' });
}
