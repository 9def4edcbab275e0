// The feature part of every engine model, built with GraphBuilder: packed RGB888 pixels at the project
// size → float NCHW at the backbone's input size, brightness-normalised, border filled from the centre →
// backbone → 3x3 average pool (every map, or the stride-8 map only: `FeaturePooling`) → stride-16 map resized
// to the stride-8 grid → concatenated patch features, one row per grid cell (PatchCore's locally aware features).
import type { onnx } from 'onnx-proto';
import { attr, decodeModel, GraphBuilder } from '../onnx';
import type { BackboneEntry, BackboneOutput } from '../backbone/registry';
import { appendEdgeFilledBorder, appendScoredCentre, scoreBorderPixels } from './frameBorder';

import type { FeaturePooling, ImageSize, InspectionRegion } from '../../../src/contracts/modelMetadata';
import { isWholePicture, regionPixels } from '../../../src/domain/inspectionRegion';

/** Patch rows of one image: grid × grid cells of `dimensions` features. */
export interface PatchLayout {
  /** Cells along each axis (the finest backbone output's grid, 28 at 224 input). */
  grid: number;
  /** Concatenated channels of all backbone outputs (184 for mobilenet_v2_mid). */
  dimensions: number;
}

/** Graph input of every engine model: one packed RGB888 image at the project size. */
export const imageInputName = 'image';
export const patchesOutputName = 'patches';
/** 3x3 neighbourhood average per pooled backbone map, as in PatchCore: each patch sees its neighbours. */
const poolKernelCells = 3;
/** What models trained before training chose the pooling use, and the first candidate (ties keep it). */
export const defaultFeaturePooling: FeaturePooling = 'every-map';
/** The candidates training calibrates, the default first. */
export const featurePoolings: readonly FeaturePooling[] = [defaultFeaturePooling, 'finest-map-only'];

export function patchLayoutOf(entry: BackboneEntry): PatchLayout {
  const finestStride = Math.min(...entry.outputs.map((output) => output.stride));
  return {
    grid: entry.inputSize / finestStride,
    dimensions: entry.outputs.reduce((sum, output) => sum + output.channels, 0),
  };
}

/**
 * uint8 [1, H, W, 3] → float32 [1, 3, side, side], in [0, 1], brightness-normalised, its border (the score's,
 * `scoreBorderPixels`) filled from the centre's edge. Lives inside the model so the app, exports and the
 * benchmark feed identical numbers to the backbone. Bilinear, half-pixel centres, no antialias
 * (opset 17's Resize has none); the aspect ratio is not kept, which is the same for every image. The bytes
 * are made planar before the resize: onnxruntime-web's WebGPU Resize gets an interleaved [1, H, W, 3]
 * resize wrong (0.6 relative error on SwiftShader, issue 14), and wasm gives identical values either way,
 * no slower (transposing bytes costs what transposing the resized floats did).
 */
export function appendPreprocessing(graph: GraphBuilder, image: string, layout: { side: number; grid: number }): string {
  const { side, grid } = layout;
  const planar = graph.node('Transpose', [image], { perm: attr.ints([0, 3, 1, 2]) }, { output: 'preprocess/nchw' });
  const asFloat = graph.node('Cast', [planar], { to: attr.int(1) }, { output: 'preprocess/float' });
  const resized = resizeTo(graph, asFloat, [1, 3, side, side], 'preprocess/resized');
  const unit = graph.node('Div', [resized, graph.floatInitializer('preprocess/255', [], [255])], {}, { output: 'preprocess/unit' });
  const border = scoreBorderPixels(side, grid);
  const centre = appendScoredCentre(graph, unit, side, border, 'preprocess/centre');
  return appendEdgeFilledBorder(graph, appendBrightnessNormalisation(graph, centre), border, 'preprocess/edge_filled');
}

/** Mean brightness every picture is brought to: an average ImageNet photo's (the backbone's data), channels averaged. */
export const targetMeanBrightness = 0.449;

/**
 * Brightness normalisation (issue 13): one offset per picture, the same for its three channels, that gives the
 * picture's centre (the frame without the score's border) the target mean. The light of a station changes
 * from day to day, and a plain light box (the aliens) turns every background patch grey when it dims by 15 %.
 * The border is left out, so a strip of tray or table entering the frame does not shift the part. Contrast is
 * left as it is: a gain that also evened out the spread depends on how much of the frame the part fills, and
 * made crack masks worse (5-fold CV, README). One offset for all channels keeps the colours' relations: a
 * colour defect stays a colour defect.
 */
export function appendBrightnessNormalisation(graph: GraphBuilder, centre: string): string {
  const mean = graph.node('ReduceMean', [centre], { axes: attr.ints([1, 2, 3]), keepdims: attr.int(1) }, { output: 'brightness/mean' });
  const offset = graph.node('Sub', [graph.floatInitializer('brightness/target_mean', [], [targetMeanBrightness]), mean], {}, { output: 'brightness/offset' });
  return graph.node('Add', [centre, offset], {}, { output: 'brightness/normalised' });
}

/** Bilinear resize to fixed sizes; `name` names the output and its sizes initializer. */
export function resizeTo(graph: GraphBuilder, value: string, sizes: readonly number[], name: string): string {
  const sizesName = graph.int64Initializer(`${name}/sizes`, [sizes.length], sizes);
  return graph.node(
    'Resize',
    [value, '', '', sizesName],
    {
      mode: attr.string('linear'),
      coordinate_transformation_mode: attr.string('half_pixel'),
    },
    { output: name },
  );
}

/**
 * Appends the backbone to `imageNchw` once and returns, per requested pooling, the patch features as
 * [grid², dimensions] rows (row = grid cell in raster order), the layout the memory bank and the kNN MatMul use.
 * Training asks for both poolings from one backbone pass; a packaged model for the one it was trained with.
 */
export function appendPatchFeatures(
  graph: GraphBuilder,
  imageNchw: string,
  backbone: onnx.IGraphProto,
  entry: BackboneEntry,
  poolings: readonly FeaturePooling[],
): string[] {
  const { grid, dimensions } = patchLayoutOf(entry);
  const outputs = graph.append(backbone, { prefix: 'backbone/', bind: { [entry.input.name]: imageNchw } });
  const finestStride = Math.min(...entry.outputs.map((output) => output.stride));
  // One pooled and one unpooled version of each map at most, shared by the poolings that use it.
  const onGridMaps = new Map<string, string>();
  const onGridOf = (output: BackboneOutput, pooled: boolean) => {
    const name = `features/${output.name}${pooled ? '' : '/unpooled'}`;
    let value = onGridMaps.get(name);
    if (value === undefined) {
      const map = outputs[output.name];
      if (map === undefined) throw new Error(`Backbone "${entry.id}" graph has no output "${output.name}"`);
      const sized = pooled ? appendNeighbourhoodAverage(graph, map, `${name}/pooled`) : map;
      value = entry.inputSize / output.stride === grid ? sized : resizeTo(graph, sized, [1, output.channels, grid, grid], `${name}/on_grid`);
      onGridMaps.set(name, value);
    }
    return value;
  };
  return poolings.map((pooling) => {
    const prefix = pooling === defaultFeaturePooling ? 'features' : `features/${pooling}`;
    const maps = entry.outputs.map((output) => onGridOf(output, isPooled(pooling, output.stride, finestStride)));
    const stacked = graph.node('Concat', maps, { axis: attr.int(1) }, { output: `${prefix}/stacked` });
    const flatShape = graph.int64Initializer(`${prefix}/flat_shape`, [2], [dimensions, grid * grid]);
    const flat = graph.node('Reshape', [stacked, flatShape], {}, { output: `${prefix}/flat` });
    return graph.node('Transpose', [flat], { perm: attr.ints([1, 0]) }, { output: `${prefix}/rows` });
  });
}

function isPooled(pooling: FeaturePooling, stride: number, finestStride: number): boolean {
  return pooling === 'every-map' || stride === finestStride;
}

/** PatchCore's locally aware patch: each cell averaged with its 3 × 3 neighbourhood. */
function appendNeighbourhoodAverage(graph: GraphBuilder, map: string, name: string): string {
  // count_include_pad 0: border cells average their real neighbours instead of fading towards zero.
  return graph.node(
    'AveragePool',
    [map],
    {
      kernel_shape: attr.ints([poolKernelCells, poolKernelCells]),
      strides: attr.ints([1, 1]),
      pads: attr.ints([1, 1, 1, 1]),
      count_include_pad: attr.int(0),
    },
    { output: name },
  );
}

/**
 * The project's region of interest, cut out of the packed image before anything else (regionPixels' rule),
 * so every model built on these features — training, evaluation, the package — sees the same pixels.
 */
export function appendRegionCrop(graph: GraphBuilder, image: string, size: ImageSize, region: InspectionRegion | undefined): string {
  if (isWholePicture(region)) return image;
  const { left, top, width, height } = regionPixels(region, size);
  return graph.node(
    'Slice',
    [
      image,
      graph.int64Initializer('region/starts', [2], [top, left]),
      graph.int64Initializer('region/ends', [2], [top + height, left + width]),
      graph.int64Initializer('region/axes', [2], [1, 2]),
    ],
    {},
    { output: 'region/cropped' },
  );
}

/** image uint8 [1, H, W, 3] → prefix graph of every engine model; returns the patch-rows value per pooling. */
export function appendImageToPatches(
  graph: GraphBuilder,
  backboneModel: Uint8Array,
  entry: BackboneEntry,
  size: ImageSize,
  region: InspectionRegion | undefined,
  poolings: readonly FeaturePooling[],
): string[] {
  const image = graph.input(imageInputName, 'uint8', [1, size.height, size.width, 3]);
  const nchw = appendPreprocessing(graph, appendRegionCrop(graph, image, size, region), { side: entry.inputSize, grid: patchLayoutOf(entry).grid });
  return appendPatchFeatures(graph, nchw, decodeModel(backboneModel).graph!, entry, poolings);
}

/** The graph output of one pooling's patch rows in the feature model: `patches` for the default. */
export function patchesOutputOf(pooling: FeaturePooling): string {
  return pooling === defaultFeaturePooling ? patchesOutputName : `${patchesOutputName}_${pooling}`;
}

/** The feature model alone: `image` → float32 [grid², dimensions] patch rows, one output per pooling (patchesOutputOf). */
export function buildFeatureModel(
  backboneModel: Uint8Array,
  entry: BackboneEntry,
  size: ImageSize,
  region?: InspectionRegion,
  poolings: readonly FeaturePooling[] = [defaultFeaturePooling],
): Uint8Array {
  const graph = new GraphBuilder(`features-${entry.id}`);
  const rows = appendImageToPatches(graph, backboneModel, entry, size, region, poolings);
  const { grid, dimensions } = patchLayoutOf(entry);
  poolings.forEach((pooling, index) => {
    graph.output(graph.node('Identity', [rows[index]!], {}, { output: patchesOutputOf(pooling) }), 'float32', [grid * grid, dimensions]);
  });
  return graph.serialize({ docString: `Patch features of ${entry.id} for ${size.width}x${size.height} RGB888 images` });
}
