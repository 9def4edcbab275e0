// Converts a TF.js layers model (a Keras functional model, channels_last) into an NCHW ONNX graph for
// a fixed whitelist of layers, pruned to the requested layer outputs.
// Build-time only (the backbone Vite plugin, the golden test, benchmarks); kept out of workers/ so the app never bundles it.
import { attr } from '../../workers/engine/onnx/index.ts';
import type { GraphBuilder } from '../../workers/engine/onnx/index.ts';
import { depthwiseToOihw, hwioToOihw } from './kernelLayout.ts';
import { NchwGraph } from './nchwGraph.ts';
import type { NchwValue } from './nchwGraph.ts';
import { WeightStore } from './tfjsFormat.ts';
import type { TfjsWeightGroup } from './tfjsFormat.ts';
import type { TfjsConversionOptions } from './tfjsToOnnx.ts';

/** One inbound tensor: [layer name, node index, tensor index, call kwargs]. */
type KerasInbound = readonly [string, number, number, unknown];

export interface KerasLayer {
  readonly name: string;
  readonly class_name: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly inbound_nodes: readonly (readonly KerasInbound[])[];
}

export interface TfjsLayersModelJson {
  readonly format?: string;
  readonly modelTopology: { readonly model_config: { readonly class_name: string; readonly config: { readonly layers: readonly KerasLayer[] } } };
  readonly weightsManifest: readonly TfjsWeightGroup[];
}

const kerasDefaultEpsilon = 1e-3;

export const supportedKerasLayers = ['InputLayer', 'ZeroPadding2D', 'Conv2D', 'DepthwiseConv2D', 'BatchNormalization', 'ReLU', 'Add'] as const;

export function convertTfjsLayersModel(model: TfjsLayersModelJson, weightData: ArrayBuffer | Uint8Array, options: TfjsConversionOptions): GraphBuilder {
  if (model.format !== undefined && model.format !== 'layers-model') {
    throw new Error(`Only TF.js layers models can be converted here, this one is a "${model.format}"`);
  }
  const modelClass = model.modelTopology.model_config.class_name;
  if (modelClass !== 'Model' && modelClass !== 'Functional') throw new Error(`Only functional Keras models are supported, got ${modelClass}`);
  if (options.outputs.length === 0) throw new Error('Ask for at least one output layer');
  const converter = new LayersModelConverter(model, weightData, options.graphName ?? 'tfjs-layers');
  for (const output of options.outputs) converter.graph.output(converter.convert(output.node), output.name);
  return converter.graph.builder;
}

class LayersModelConverter {
  readonly graph: NchwGraph;
  private readonly layers: ReadonlyMap<string, KerasLayer>;
  private readonly weights: WeightStore;
  private readonly converted = new Map<string, NchwValue>();

  constructor(model: TfjsLayersModelJson, weightData: ArrayBuffer | Uint8Array, graphName: string) {
    this.graph = new NchwGraph(graphName);
    this.layers = new Map(model.modelTopology.model_config.config.layers.map((layer) => [layer.name, layer]));
    this.weights = new WeightStore(model.weightsManifest, weightData);
  }

  /** Depth-first, so layers are emitted in dependency order and unreachable ones never are. */
  convert(layerName: string): NchwValue {
    const done = this.converted.get(layerName);
    if (done) return done;
    const layer = this.layers.get(layerName);
    if (!layer) throw new Error(`The model has no layer named "${layerName}"`);
    const result = this.convertLayer(layer);
    this.converted.set(layerName, result);
    return result;
  }

  private inputs(layer: KerasLayer): NchwValue[] {
    if (layer.inbound_nodes.length !== 1) fail(layer, `is called ${layer.inbound_nodes.length} times; shared layers are not supported`);
    return layer.inbound_nodes[0]!.map(([name, , tensorIndex]) => {
      if (tensorIndex !== 0) fail(layer, `reads output ${tensorIndex} of "${name}"; only output 0 is supported`);
      return this.convert(name);
    });
  }

  private input(layer: KerasLayer): NchwValue {
    const inputs = this.inputs(layer);
    if (inputs.length !== 1) fail(layer, `needs 1 input, has ${inputs.length}`);
    return inputs[0]!;
  }

  private convertLayer(layer: KerasLayer): NchwValue {
    const { config } = layer;
    if (config.data_format !== undefined && config.data_format !== 'channels_last') fail(layer, `has data_format ${String(config.data_format)}`);
    switch (layer.class_name) {
      case 'InputLayer': {
        const shape = config.batch_input_shape as readonly (number | null)[];
        return this.graph.imageInput(
          layer.name,
          shape.map((dim) => dim ?? -1),
        );
      }
      case 'ZeroPadding2D':
        return this.zeroPadding(layer, this.input(layer));
      case 'Conv2D':
      case 'DepthwiseConv2D':
        return this.convolution(layer, this.input(layer));
      case 'BatchNormalization':
        return this.batchNormalization(layer, this.input(layer));
      case 'ReLU':
        return this.relu(layer, this.input(layer));
      case 'Add': {
        const inputs = this.inputs(layer);
        if (inputs.length !== 2) fail(layer, `adds ${inputs.length} tensors; only 2 are supported`);
        return this.graph.elementwise('Add', inputs, layer.name);
      }
      default:
        throw new Error(`Cannot convert layer "${layer.name}": ${layer.class_name} is not supported (supported: ${supportedKerasLayers.join(', ')})`);
    }
  }

  private zeroPadding(layer: KerasLayer, x: NchwValue): NchwValue {
    const [[top, bottom], [left, right]] = layer.config.padding as [[number, number], [number, number]];
    const pads = this.graph.builder.int64Initializer(this.graph.builder.freshName(`${layer.name}/pads`), [8], [0, 0, top, left, 0, 0, bottom, right]);
    const [n, c, h, w] = x.shape;
    const grow = (size: typeof h, extra: number) => (typeof size === 'number' ? size + extra : `${size}+${extra}`);
    return {
      name: this.graph.builder.node('Pad', [x.name, pads], {}, { output: layer.name }),
      shape: [n!, c!, grow(h!, top + bottom), grow(w!, left + right)],
    };
  }

  private convolution(layer: KerasLayer, x: NchwValue): NchwValue {
    const { config } = layer;
    const depthwise = layer.class_name === 'DepthwiseConv2D';
    if (config.activation !== 'linear') fail(layer, `has activation ${String(config.activation)}; only linear is supported`);
    const padding = String(config.padding).toUpperCase();
    if (padding !== 'SAME' && padding !== 'VALID') fail(layer, `has padding ${String(config.padding)}`);
    const kernelName = `${layer.name}/${depthwise ? 'depthwise_kernel' : 'kernel'}`;
    const kernel = this.weights.get(kernelName);
    const biasName = `${layer.name}/bias`;
    return this.graph.conv(
      x,
      {
        kernel: depthwise ? depthwiseToOihw(kernel.values, kernel.shape) : hwioToOihw(kernel.values, kernel.shape),
        kernelName,
        ...(config.use_bias ? { bias: { name: biasName, values: this.weights.get(biasName).values } } : {}),
        strides: config.strides as [number, number],
        dilations: config.dilation_rate as [number, number],
        padding,
      },
      layer.name,
    );
  }

  private batchNormalization(layer: KerasLayer, x: NchwValue): NchwValue {
    const { config } = layer;
    if (config.axis !== -1 && config.axis !== 3) fail(layer, `normalises axis ${String(config.axis)}; only the channel axis is supported`);
    const channels = x.shape[1];
    if (typeof channels !== 'number') fail(layer, 'needs a known channel count');
    const parameter = (suffix: string, present: unknown, fallback: number): string => {
      const name = `${layer.name}/${suffix}`;
      // Keras omits gamma when scale=False and beta when center=False.
      const values = present === false ? new Float32Array(channels).fill(fallback) : this.weights.get(name).values;
      return this.graph.weight(name, [channels], values);
    };
    const inputs = [
      x.name,
      parameter('gamma', config.scale, 1),
      parameter('beta', config.center, 0),
      parameter('moving_mean', true, 0),
      parameter('moving_variance', true, 1),
    ];
    const name = this.graph.builder.node(
      'BatchNormalization',
      inputs,
      { epsilon: attr.float(Number(config.epsilon ?? kerasDefaultEpsilon)) },
      { output: layer.name },
    );
    return { name, shape: x.shape };
  }

  private relu(layer: KerasLayer, x: NchwValue): NchwValue {
    const { max_value: maxValue, negative_slope: negativeSlope, threshold } = layer.config;
    if ((negativeSlope ?? 0) !== 0 || (threshold ?? 0) !== 0) fail(layer, 'is a leaky or thresholded ReLU');
    if (maxValue === 6) return this.graph.relu6(x, layer.name);
    if (maxValue === null || maxValue === undefined) return this.graph.relu(x, layer.name);
    return fail(layer, `caps at ${String(maxValue)}; only 6 or no cap is supported`);
  }
}

function fail(layer: KerasLayer, problem: string): never {
  throw new Error(`Cannot convert layer "${layer.name}" (${layer.class_name}): it ${problem}`);
}
