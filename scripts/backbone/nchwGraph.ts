// The ONNX side shared by the TF.js graph-model and layers-model converters: an NCHW graph with shape
// tracking, TF-style convolutions (SAME = SAME_UPPER), activations and per-channel constants.
// Build-time only (the backbone Vite plugin, the golden test, benchmarks); kept out of workers/ so the app never bundles it.
import { GraphBuilder, attr } from '../../workers/engine/onnx/index.ts';
import type { Dim } from '../../workers/engine/onnx/index.ts';
import type { OnnxKernel } from './kernelLayout.ts';

/** A float32 graph value and its NCHW shape (rank 4 for images). */
export interface NchwValue {
  readonly name: string;
  readonly shape: readonly Dim[];
}

export type TfPadding = 'SAME' | 'VALID';

export interface ConvolutionSpec {
  readonly kernel: OnnxKernel;
  readonly kernelName: string;
  readonly bias?: { readonly name: string; readonly values: Float32Array };
  readonly strides: readonly [number, number];
  readonly dilations: readonly [number, number];
  readonly padding: TfPadding;
}

const relu6MaxValue = 6;
const unknownDimNames = ['batch', 'height', 'width', 'channels'] as const;

export class NchwGraph {
  readonly builder: GraphBuilder;
  private clipBounds: readonly [string, string] | undefined;

  constructor(name: string) {
    this.builder = new GraphBuilder(name);
  }

  /** An image input declared from its NHWC shape (-1 = unknown) but laid out NCHW. */
  imageInput(name: string, nhwc: readonly number[]): NchwValue {
    if (nhwc.length !== 4) throw new Error(`Input "${name}" must be a rank-4 NHWC image tensor, got [${nhwc.join(', ')}]`);
    const [n, h, w, c] = nhwc.map((dim, axis): Dim => (dim < 0 ? unknownDimNames[axis]! : dim));
    const shape = [n!, c!, h!, w!];
    return { name: this.builder.input(name, 'float32', shape), shape };
  }

  weight(name: string, dims: readonly number[], values: Float32Array): string {
    if (this.builder.has(name)) throw new Error(`Weight "${name}" is used by more than one node; shared weights are not supported`);
    return this.builder.floatInitializer(name, dims, values);
  }

  conv(x: NchwValue, spec: ConvolutionSpec, output: string): NchwValue {
    const [outChannels, , kernelHeight, kernelWidth] = spec.kernel.dims;
    const inputs = [x.name, this.weight(spec.kernelName, spec.kernel.dims, spec.kernel.values)];
    if (spec.bias) inputs.push(this.weight(spec.bias.name, [outChannels], spec.bias.values));
    const name = this.builder.node(
      'Conv',
      inputs,
      {
        // TF SAME puts the odd padding pixel after the data, like ONNX SAME_UPPER, at any stride.
        auto_pad: attr.string(spec.padding === 'SAME' ? 'SAME_UPPER' : 'VALID'),
        strides: attr.ints(spec.strides),
        dilations: attr.ints(spec.dilations),
        kernel_shape: attr.ints([kernelHeight, kernelWidth]),
        group: attr.int(spec.kernel.group),
      },
      { output },
    );
    const spatial = [0, 1].map((axis) =>
      convolvedSize(x.shape[axis + 2]!, spec.kernel.dims[axis + 2]!, spec.strides[axis]!, spec.dilations[axis]!, spec.padding),
    );
    return { name, shape: [x.shape[0]!, outChannels, ...spatial] };
  }

  relu(x: NchwValue, output: string): NchwValue {
    return { name: this.builder.node('Relu', [x.name], {}, { output }), shape: x.shape };
  }

  relu6(x: NchwValue, output: string): NchwValue {
    // Opset 11+ Clip takes its bounds as inputs: one shared pair of scalars serves every Relu6.
    this.clipBounds ??= [
      this.builder.floatInitializer(this.builder.freshName('relu6/min'), [], [0]),
      this.builder.floatInitializer(this.builder.freshName('relu6/max'), [], [relu6MaxValue]),
    ];
    return { name: this.builder.node('Clip', [x.name, ...this.clipBounds], {}, { output }), shape: x.shape };
  }

  /** Elementwise op over graph values and constants; a constant is a scalar or one value per channel. */
  elementwise(
    opType: string,
    operands: readonly (NchwValue | { readonly constant: string; readonly shape: readonly number[]; readonly values: Float32Array })[],
    output: string,
  ): NchwValue {
    const values = operands.filter((operand): operand is NchwValue => 'name' in operand);
    if (values.length === 0) throw new Error(`${opType} "${output}" has only constant inputs; constant folding is not supported`);
    const inputs = operands.map((operand) => {
      if ('name' in operand) return operand.name;
      if (operand.shape.length === 0) return this.weight(operand.constant, [], operand.values);
      // NHWC's per-channel vector [C] broadcasts over NCHW as [C, 1, 1].
      if (operand.shape.length === 1) return this.weight(operand.constant, [operand.shape[0]!, 1, 1], operand.values);
      throw new Error(`${opType} "${output}": constant "${operand.constant}" of shape [${operand.shape.join(', ')}] cannot be broadcast in NCHW`);
    });
    return { name: this.builder.node(opType, inputs, {}, { output }), shape: broadcastShapes(values.map((value) => value.shape)) };
  }

  /** Declares `value` as the graph output `name`, through an Identity when the names differ. */
  output(value: NchwValue, name: string): void {
    const outputName = value.name === name ? name : this.builder.node('Identity', [value.name], {}, { output: name });
    this.builder.output(outputName, 'float32', value.shape);
  }
}

function convolvedSize(size: Dim, kernel: number, stride: number, dilation: number, padding: TfPadding): Dim {
  if (typeof size !== 'number') return `${size}/${stride}`;
  const span = (kernel - 1) * dilation + 1;
  return padding === 'SAME' ? Math.ceil(size / stride) : Math.floor((size - span) / stride) + 1;
}

function broadcastShapes(shapes: readonly (readonly Dim[])[]): Dim[] {
  const rank = Math.max(...shapes.map((shape) => shape.length));
  return Array.from({ length: rank }, (_, axis) => {
    const dims = shapes.map((shape) => shape[axis - (rank - shape.length)] ?? 1);
    return dims.find((dim) => dim !== 1) ?? 1;
  });
}
