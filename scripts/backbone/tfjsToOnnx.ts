// Converts a TF.js graph model (NHWC) into an NCHW ONNX graph for a fixed whitelist of ops, pruned
// to the requested outputs. Pure TypeScript (runs under Node at build time).
// Build-time only (the backbone Vite plugin, the golden test, benchmarks); kept out of workers/ so the app never bundles it.
import type { GraphBuilder } from '../../workers/engine/onnx/index.ts';
import { depthwiseToOihw, hwioToOihw } from './kernelLayout.ts';
import { NchwGraph } from './nchwGraph.ts';
import type { NchwValue } from './nchwGraph.ts';
import { WeightStore, intListAttr, shapeAttr, stringAttr, stringListAttr } from './tfjsFormat.ts';
import type { TfjsGraphModelJson, TfjsNode, WeightTensor } from './tfjsFormat.ts';

export interface RequestedOutput {
  /** Source node (graph model, optionally with ':0') or layer (layers model) name. */
  readonly node: string;
  /** Name of the ONNX graph output. */
  readonly name: string;
}

export interface TfjsConversionOptions {
  readonly outputs: readonly RequestedOutput[];
  readonly graphName?: string;
}

export const supportedTfjsOps = [
  'Placeholder',
  'Const',
  'Identity',
  'Mul',
  'Sub',
  'Add',
  'AddV2',
  '_FusedConv2D',
  'FusedDepthwiseConv2dNative',
  'Relu6',
] as const;

/** A converted TF tensor: a graph value, or a constant still in the weight store. */
type Converted = NchwValue | { readonly constant: string; readonly weight: WeightTensor };

const elementwiseOps: Readonly<Record<string, string>> = { Mul: 'Mul', Sub: 'Sub', Add: 'Add', AddV2: 'Add' };

export function convertTfjsGraphModel(model: TfjsGraphModelJson, weightData: ArrayBuffer | Uint8Array, options: TfjsConversionOptions): GraphBuilder {
  if (model.format !== undefined && model.format !== 'graph-model') {
    throw new Error(`Only TF.js graph models can be converted here, this one is a "${model.format}"`);
  }
  if (options.outputs.length === 0) throw new Error('Ask for at least one output node');
  const converter = new GraphModelConverter(model, weightData, options.graphName ?? 'tfjs-graph');
  for (const output of options.outputs) {
    const value = converter.convert(tensorNodeName(output.node));
    if (!isValue(value)) throw new Error(`Output "${output.node}" is a constant; only computed tensors can be outputs`);
    converter.graph.output(value, output.name);
  }
  return converter.graph.builder;
}

class GraphModelConverter {
  readonly graph: NchwGraph;
  private readonly nodes: ReadonlyMap<string, TfjsNode>;
  private readonly weights: WeightStore;
  private readonly converted = new Map<string, Converted>();

  constructor(model: TfjsGraphModelJson, weightData: ArrayBuffer | Uint8Array, graphName: string) {
    this.graph = new NchwGraph(graphName);
    this.nodes = new Map(model.modelTopology.node.map((node) => [node.name, node]));
    this.weights = new WeightStore(model.weightsManifest, weightData);
  }

  /** Depth-first, so nodes are emitted in dependency order and unreachable ones never are. */
  convert(nodeName: string): Converted {
    const done = this.converted.get(nodeName);
    if (done) return done;
    const node = this.nodes.get(nodeName);
    if (!node) throw new Error(`The model has no node named "${nodeName}"`);
    const result = this.convertNode(node);
    this.converted.set(nodeName, result);
    return result;
  }

  private dataInputs(node: TfjsNode): Converted[] {
    // '^name' is a control dependency: ordering only, no data.
    return (node.input ?? []).filter((input) => !input.startsWith('^')).map((input) => this.convert(tensorNodeName(input)));
  }

  private convertNode(node: TfjsNode): Converted {
    switch (node.op) {
      case 'Placeholder':
        if (node.attr?.dtype?.type !== 'DT_FLOAT') fail(node, 'must be float32');
        return this.graph.imageInput(node.name, shapeAttr(node, 'shape') ?? []);
      case 'Const':
        return { constant: node.name, weight: this.weights.get(node.name) };
      case 'Identity':
        return this.dataInputs(node)[0] ?? fail(node, 'has no input');
      case 'Mul':
      case 'Sub':
      case 'Add':
      case 'AddV2': {
        const operands = this.dataInputs(node);
        if (operands.length !== 2) fail(node, `needs 2 inputs, has ${operands.length}`);
        return this.graph.elementwise(
          elementwiseOps[node.op]!,
          operands.map((operand) => (isValue(operand) ? operand : { constant: operand.constant, shape: operand.weight.shape, values: operand.weight.values })),
          node.name,
        );
      }
      case '_FusedConv2D':
        return this.fusedConvolution(node, 'conv');
      case 'FusedDepthwiseConv2dNative':
        return this.fusedConvolution(node, 'depthwise');
      case 'Relu6':
        return this.graph.relu6(this.value(node, this.dataInputs(node)[0]), node.name);
      default:
        throw new Error(`Cannot convert node "${node.name}": op ${node.op} is not supported (supported: ${supportedTfjsOps.join(', ')})`);
    }
  }

  private fusedConvolution(node: TfjsNode, kind: 'conv' | 'depthwise'): Converted {
    const [input, filter, bias, ...extra] = this.dataInputs(node);
    const fusedOps = stringListAttr(node, 'fused_ops');
    const [biasAdd, activation, ...moreOps] = fusedOps;
    if (biasAdd !== 'BiasAdd' || !bias || extra.length > 0 || moreOps.length > 0) {
      fail(node, `fuses [${fusedOps.join(', ')}]; only BiasAdd with an optional Relu or Relu6 is supported`);
    }
    if (activation !== undefined && activation !== 'Relu' && activation !== 'Relu6') fail(node, `fuses unsupported activation ${activation}`);
    const dataFormat = stringAttr(node, 'data_format') ?? 'NHWC';
    if (dataFormat !== 'NHWC') fail(node, `has data_format ${dataFormat}; only NHWC is supported`);
    const padding = stringAttr(node, 'padding');
    if (padding !== 'SAME' && padding !== 'VALID') fail(node, `has padding ${padding ?? 'none'}; only SAME and VALID are supported`);

    const kernel = this.constant(node, filter);
    const biasWeight = this.constant(node, bias);
    const convolved = this.graph.conv(
      this.value(node, input),
      {
        kernel: kind === 'conv' ? hwioToOihw(kernel.weight.values, kernel.weight.shape) : depthwiseToOihw(kernel.weight.values, kernel.weight.shape),
        kernelName: kernel.constant,
        bias: { name: biasWeight.constant, values: biasWeight.weight.values },
        strides: spatial(node, intListAttr(node, 'strides') ?? [1, 1, 1, 1], 'strides'),
        dilations: spatial(node, intListAttr(node, 'dilations') ?? [1, 1, 1, 1], 'dilations'),
        padding,
      },
      activation === undefined ? node.name : this.graph.builder.freshName(`${node.name}/conv`),
    );
    if (activation === 'Relu6') return this.graph.relu6(convolved, node.name);
    if (activation === 'Relu') return this.graph.relu(convolved, node.name);
    return convolved;
  }

  private value(node: TfjsNode, input: Converted | undefined): NchwValue {
    if (!input || !isValue(input)) fail(node, 'needs a computed tensor as its data input');
    return input;
  }

  private constant(node: TfjsNode, input: Converted | undefined): Extract<Converted, { constant: string }> {
    if (!input || isValue(input)) fail(node, 'needs constant weights');
    return input;
  }
}

function isValue(converted: Converted): converted is NchwValue {
  return 'name' in converted;
}

function fail(node: TfjsNode, problem: string): never {
  throw new Error(`Cannot convert node "${node.name}" (${node.op}): it ${problem}`);
}

/** 'name', 'name:0' -> 'name'; other output indices are not produced by the whitelisted ops. */
function tensorNodeName(reference: string): string {
  const match = /^(.*?)(?::(\d+))?$/.exec(reference);
  const [, name = reference, index = '0'] = match ?? [];
  if (index !== '0') throw new Error(`Tensor "${reference}" is output ${index} of its node; only output 0 is supported`);
  return name;
}

/** NHWC [1, h, w, 1] strides or dilations -> [h, w]; batch and channel entries must be 1. */
function spatial(node: TfjsNode, values: readonly number[], what: string): [number, number] {
  if (values.length !== 4 || values[0] !== 1 || values[3] !== 1) fail(node, `has ${what} [${values.join(', ')}]`);
  return [values[1]!, values[2]!];
}
