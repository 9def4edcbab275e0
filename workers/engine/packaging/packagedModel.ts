// The ONE packaged ONNX graph of a trained model: RGB888 at the project size → pre-processing → backbone →
// pooled patch features (the pooling training chose) → kNN against the bank (weights) → blurred map → raw
// score → Sigmoid((raw − c) / s);
// segmentation models add the head on [features, kNN distance] rows → `anomaly_mask` label indices.
// Threshold and confidence slope travel in the metadata (and the ONNX metadata_props), not as outputs,
// because the user may override the threshold per project (spec §9) without re-exporting the model.
import { GraphBuilder } from '../onnx';
import type { BackboneEntry } from '../backbone/registry';
import { appendImageToPatches, patchLayoutOf } from '../features/featureGraph';
import type { FeaturePooling, ImageSize, InspectionRegion } from '../../../src/contracts/modelMetadata';
import { regionPixels } from '../../../src/domain/inspectionRegion';
import { appendKnnScoring } from '../scoring/knnGraph';
import type { MemoryBank } from '../scoring/memoryBank';
import type { ScoreNormalisation } from '../calibration';
import { appendHeadFeatureRows, appendHeadInference, appendLabelMask } from '../segmentation';
import type { HeadWeights } from '../segmentation';

export const packagedOutputs = {
  /** [1], 0–1: spec §4.1 `anomaly_score`. */
  score: 'anomaly_score',
  /**
   * [1, grid, grid], 0–1: the blurred patch map, normalised like the score. Kept at the patch grid (28x28):
   * a viewer scales it up for free when drawing, while a project-size map cost every detection a
   * full-resolution resize and a ~1.8 MB output copy.
   */
  map: 'anomaly_map',
  /** [1]: the un-normalised kNN score, kept for re-calibration and the evaluation files. */
  rawScore: 'raw_score',
  /** Segmentation models: uint8 [1, H, W] label indices at the project size, 0 = background. */
  mask: 'anomaly_mask',
} as const;

export interface PackagedSegmentationHead {
  weights: HeadWeights;
  /** Project label index (mask value) of head class k at position k − 1. */
  labelIndices: readonly number[];
  maskProbabilityThreshold: number;
}

export interface PackagedModelInput {
  backboneModel: Uint8Array;
  backbone: BackboneEntry;
  inputSize: ImageSize;
  /** The project's region of interest, cropped first inside the graph; absent = the whole input. */
  region?: InspectionRegion;
  /** The patch features training chose; the bank's rows are of these features. */
  featurePooling: FeaturePooling;
  bank: MemoryBank;
  normalisation: ScoreNormalisation;
  /** Written into the ONNX metadata_props, e.g. threshold and slope, for readers of the bare file. */
  metadataProps: Readonly<Record<string, string>>;
  segmentation?: PackagedSegmentationHead;
}

export function buildPackagedModel(input: PackagedModelInput): Uint8Array {
  const { backbone, inputSize, bank, normalisation } = input;
  const graph = new GraphBuilder(`spotcheck-${backbone.id}`);
  const [patches] = appendImageToPatches(graph, input.backboneModel, backbone, inputSize, input.region, [input.featurePooling]) as [string];
  const { grid, dimensions } = patchLayoutOf(backbone);
  const knn = appendKnnScoring(graph, {
    patches,
    bankTransposed: graph.floatInitializer('bank/transposed', [dimensions, bank.size], bank.transposed),
    bankSquaredNorms: graph.floatInitializer('bank/squared_norms', [bank.size], bank.squaredNorms),
    grid,
    inputSide: backbone.inputSize,
  });
  if (input.segmentation) {
    const { weights, labelIndices, maskProbabilityThreshold } = input.segmentation;
    const probabilities = appendHeadInference(graph, appendHeadFeatureRows(graph, patches, knn.distances), weights);
    const mask = appendLabelMask(
      graph,
      {
        probabilities,
        grid,
        classCount: weights.dims.classCount,
        size: inputSize,
        region: regionPixels(input.region, inputSize),
        labelIndices,
        maskProbabilityThreshold: graph.floatInitializer('mask/probability_threshold', [], [maskProbabilityThreshold]),
      },
      packagedOutputs.mask,
    );
    graph.output(mask, 'uint8', [1, inputSize.height, inputSize.width]);
  }
  const centre = graph.floatInitializer('normalise/centre', [], [normalisation.centre]);
  const scale = graph.floatInitializer('normalise/scale', [], [normalisation.scale]);
  const normalise = (raw: string, output: string): string =>
    graph.node('Sigmoid', [graph.node('Div', [graph.node('Sub', [raw, centre]), scale])], {}, { output });

  graph.output(normalise(knn.rawScore, packagedOutputs.score), 'float32', [1]);
  const gridMap = graph.node('Reshape', [knn.rawMap, graph.int64Initializer('map/shape', [3], [1, grid, grid])], {}, { output: 'map/raw' });
  graph.output(normalise(gridMap, packagedOutputs.map), 'float32', [1, grid, grid]);
  graph.output(graph.node('Identity', [knn.rawScore], {}, { output: packagedOutputs.rawScore }), 'float32', [1]);
  return graph.serialize({
    docString: `Spotcheck anomaly model (${backbone.id}, ${inputSize.width}x${inputSize.height} RGB888)`,
    metadata: input.metadataProps,
  });
}
