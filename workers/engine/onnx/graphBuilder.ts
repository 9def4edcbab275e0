// Builds ONNX graphs in TypeScript on top of onnx-proto: named values, typed attributes, weights,
// graph inputs/outputs, and composition (splicing another graph in under a name prefix).
import type { onnx } from 'onnx-proto';
import { onnxProto } from './proto.ts';
import { toAttributeProto } from './attributes.ts';
import type { Attributes } from './attributes.ts';
import { floatTensor, int64Tensor, valueInfo } from './tensors.ts';
import type { Dim, ElementType } from './tensors.ts';

export const defaultOpset = 17;
/** IR version 8 is what ONNX 1.10+ writes for opset 17 and what onnxruntime-web 1.30 reads. */
const irVersion = 8;

export interface NodeOptions {
  /** Output value names; by default one fresh name derived from the op type. */
  readonly outputs?: readonly string[] | number;
  readonly name?: string;
}

export interface AppendOptions {
  /** Prepended to every node and value name of the appended graph, so two copies can coexist. */
  readonly prefix: string;
  /** The appended graph's inputs, each bound to a value of this graph. All of them must be bound. */
  readonly bind: Readonly<Record<string, string>>;
}

export interface ModelOptions {
  readonly opset?: number;
  readonly producerVersion?: string;
  readonly docString?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

export class GraphBuilder {
  private readonly nodes: onnx.INodeProto[] = [];
  private readonly initializers: onnx.ITensorProto[] = [];
  private readonly inputs: onnx.IValueInfoProto[] = [];
  private readonly outputs: onnx.IValueInfoProto[] = [];
  private readonly names = new Set<string>();
  private readonly nodeNames = new Set<string>();

  constructor(readonly name: string) {}

  /** A value name not yet used in this graph, derived from `base`. */
  freshName(base: string): string {
    return firstFreeName(base, this.names);
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  input(name: string, elementType: ElementType, shape: readonly Dim[]): string {
    this.claim(name);
    this.inputs.push(valueInfo(name, elementType, shape));
    return name;
  }

  /** Declares an existing value as a graph output. */
  output(name: string, elementType: ElementType, shape: readonly Dim[]): void {
    if (!this.names.has(name)) throw new Error(`Graph "${this.name}" has no value "${name}" to output`);
    if (this.outputs.some((output) => output.name === name)) throw new Error(`"${name}" is already an output of graph "${this.name}"`);
    this.outputs.push(valueInfo(name, elementType, shape));
  }

  floatInitializer(name: string, dims: readonly number[], values: Float32Array | readonly number[]): string {
    this.claim(name);
    this.initializers.push(floatTensor(name, dims, values));
    return name;
  }

  int64Initializer(name: string, dims: readonly number[], values: BigInt64Array | readonly (number | bigint)[]): string {
    this.claim(name);
    this.initializers.push(int64Tensor(name, dims, values));
    return name;
  }

  /** Adds a node and returns its output names. */
  nodeMulti(opType: string, inputs: readonly string[], attributes: Attributes = {}, options: NodeOptions = {}): string[] {
    // '' is ONNX's placeholder for an omitted optional input.
    const missing = inputs.find((input) => input !== '' && !this.names.has(input));
    if (missing !== undefined) throw new Error(`${opType} node in graph "${this.name}" reads unknown value "${missing}"`);
    const requested = options.outputs ?? 1;
    const outputs = typeof requested === 'number' ? Array.from({ length: requested }, () => this.freshName(opType)) : [...requested];
    for (const output of outputs) this.claim(output);
    const nodeName = options.name ?? firstFreeName(outputs[0] ?? opType, this.nodeNames);
    if (this.nodeNames.has(nodeName)) throw new Error(`Graph "${this.name}" already has a node named "${nodeName}"`);
    this.nodeNames.add(nodeName);
    this.nodes.push(
      onnxProto.NodeProto.create({
        name: nodeName,
        opType,
        input: [...inputs],
        output: outputs,
        attribute: Object.entries(attributes).map(([key, value]) => toAttributeProto(key, value)),
      }),
    );
    return outputs;
  }

  /** Adds a single-output node and returns the output name. */
  node(opType: string, inputs: readonly string[], attributes: Attributes = {}, options: Omit<NodeOptions, 'outputs'> & { output?: string } = {}): string {
    const { output, ...rest } = options;
    const [result] = this.nodeMulti(opType, inputs, attributes, { ...rest, outputs: output === undefined ? 1 : [output] });
    return result!;
  }

  /**
   * Splices the nodes and initializers of `graph` into this one, renaming everything with the prefix
   * and wiring its inputs to `bind`. Returns the new names of its outputs, keyed by their old names.
   */
  append(graph: onnx.IGraphProto, options: AppendOptions): Record<string, string> {
    const graphInputs = (graph.input ?? []).map((input) => input.name ?? '');
    const initializerNames = new Set((graph.initializer ?? []).map((tensor) => tensor.name ?? ''));
    const rename = new Map<string, string>([['', '']]);
    for (const input of graphInputs) {
      // Older exporters list initializers as graph inputs too; those stay weights, not bindings.
      if (initializerNames.has(input)) continue;
      const bound = options.bind[input];
      if (bound === undefined) throw new Error(`Input "${input}" of graph "${graph.name ?? ''}" is not bound`);
      if (!this.names.has(bound)) throw new Error(`Input "${input}" is bound to unknown value "${bound}"`);
      rename.set(input, bound);
    }
    const renamed = (name: string): string => {
      let result = rename.get(name);
      if (result === undefined) {
        result = `${options.prefix}${name}`;
        this.claim(result);
        rename.set(name, result);
      }
      return result;
    };
    for (const tensor of graph.initializer ?? []) {
      this.initializers.push(onnxProto.TensorProto.create({ ...tensor, name: renamed(tensor.name ?? '') }));
    }
    for (const node of graph.node ?? []) {
      if ((node.attribute ?? []).some((attribute) => attribute.g || (attribute.graphs?.length ?? 0) > 0)) {
        throw new Error(`Node "${node.name ?? ''}" (${node.opType ?? ''}) has a subgraph attribute: appending such graphs is not supported`);
      }
      const nodeName = `${options.prefix}${node.name ?? ''}`;
      if (this.nodeNames.has(nodeName)) throw new Error(`Graph "${this.name}" already has a node named "${nodeName}"`);
      this.nodeNames.add(nodeName);
      this.nodes.push(
        onnxProto.NodeProto.create({
          ...node,
          name: nodeName,
          input: (node.input ?? []).map((input) => {
            const result = rename.get(input);
            if (result === undefined) throw new Error(`Node "${node.name ?? ''}" reads "${input}" before it is produced`);
            return result;
          }),
          output: (node.output ?? []).map(renamed),
        }),
      );
    }
    return Object.fromEntries(
      (graph.output ?? []).map((output) => {
        const name = output.name ?? '';
        const result = rename.get(name);
        if (result === undefined) throw new Error(`Output "${name}" of graph "${graph.name ?? ''}" is never produced`);
        return [name, result];
      }),
    );
  }

  toGraphProto(): onnx.GraphProto {
    return onnxProto.GraphProto.create({
      name: this.name,
      node: [...this.nodes],
      initializer: [...this.initializers],
      input: [...this.inputs],
      output: [...this.outputs],
    });
  }

  toModelProto(options: ModelOptions = {}): onnx.ModelProto {
    if (this.outputs.length === 0) throw new Error(`Graph "${this.name}" has no outputs`);
    return onnxProto.ModelProto.create({
      irVersion,
      producerName: 'spotcheck',
      producerVersion: options.producerVersion ?? '',
      docString: options.docString ?? '',
      opsetImport: [{ domain: '', version: options.opset ?? defaultOpset }],
      metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
      graph: this.toGraphProto(),
    });
  }

  serialize(options: ModelOptions = {}): Uint8Array {
    return onnxProto.ModelProto.encode(this.toModelProto(options)).finish();
  }

  private claim(name: string): void {
    if (name === '') throw new Error(`Graph "${this.name}": value names must not be empty`);
    if (this.names.has(name)) throw new Error(`Graph "${this.name}" already has a value named "${name}"`);
    this.names.add(name);
  }
}

function firstFreeName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let suffix = 1; ; suffix++) {
    const candidate = `${base}_${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export function decodeModel(bytes: Uint8Array): onnx.ModelProto {
  return onnxProto.ModelProto.decode(bytes);
}
