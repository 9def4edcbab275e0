// The TF.js graph-model converter on a hand-made model against a plain NHWC reference: odd-size SAME
// padding at stride 2, a depthwise channel multiplier, uint8/uint16/float32 weights, pruning.
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../workers/engine/onnx';
import type { TfjsAttrValue, TfjsGraphModelJson, TfjsNode, TfjsWeightEntry } from '../../scripts/backbone/tfjsFormat';
import { convertTfjsGraphModel } from '../../scripts/backbone/tfjsToOnnx';
import { ort } from '../../workers/ort';

const side = 5;
const inChannels = 2;
const convChannels = 3;
const multiplier = 2;
const outChannels = convChannels * multiplier;
const kernelSide = 3;
const batch = 2;

interface Weight {
  readonly entry: TfjsWeightEntry;
  readonly bytes: Uint8Array;
  readonly values: Float32Array;
}

function count(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

function quantizedWeight(name: string, shape: number[], dtype: 'uint8' | 'uint16', min: number, scale: number): Weight {
  const levels = dtype === 'uint8' ? 256 : 65536;
  const quantized = Array.from({ length: count(shape) }, (_, i) => (i * 7919 + 13) % levels);
  const stored = dtype === 'uint8' ? Uint8Array.from(quantized) : Uint16Array.from(quantized);
  return {
    entry: { name, shape, dtype: 'float32', quantization: { dtype, min, scale } },
    bytes: new Uint8Array(stored.buffer),
    values: Float32Array.from(quantized, (q) => q * scale + min),
  };
}

function floatWeight(name: string, shape: number[], at: (i: number) => number): Weight {
  const values = Float32Array.from({ length: count(shape) }, (_, i) => at(i));
  return { entry: { name, shape, dtype: 'float32' }, bytes: new Uint8Array(values.buffer), values };
}

const text = (value: string): TfjsAttrValue => ({ s: btoa(value) });
const ints = (values: number[]): TfjsAttrValue => ({ list: { i: values.map(String) } });
const fused = (...ops: string[]): TfjsAttrValue => ({ list: { s: ops.map((op) => btoa(op)) } });
const convAttributes = (stride: number, ...ops: string[]) => ({
  strides: ints([1, stride, stride, 1]),
  padding: text('SAME'),
  data_format: text('NHWC'),
  dilations: ints([1, 1, 1, 1]),
  fused_ops: fused(...ops),
});

const weights = [
  quantizedWeight('conv/kernel', [kernelSide, kernelSide, inChannels, convChannels], 'uint8', -1, 0.008),
  floatWeight('conv/bias', [convChannels], (i) => 0.1 * i - 0.1),
  quantizedWeight('dw/kernel', [kernelSide, kernelSide, convChannels, multiplier], 'uint16', -0.5, 2e-5),
  quantizedWeight('dw/bias', [outChannels], 'uint8', 0, 0.01),
  floatWeight('offset', [outChannels], (i) => i / 4),
  floatWeight('head/weights', [4], (i) => i),
];
const weight = (name: string) => weights.find((candidate) => candidate.entry.name === name)!;
const constNode = (name: string): TfjsNode => ({ name, op: 'Const', attr: { dtype: { type: 'DT_FLOAT' } } });

const nodes: TfjsNode[] = [
  {
    name: 'image',
    op: 'Placeholder',
    attr: {
      dtype: { type: 'DT_FLOAT' },
      shape: { shape: { dim: [{ size: '-1' }, { size: String(side) }, { size: String(side) }, { size: String(inChannels) }] } },
    },
  },
  ...weights.map((entry) => constNode(entry.entry.name)),
  { name: 'conv', op: '_FusedConv2D', input: ['image', 'conv/kernel', 'conv/bias'], attr: convAttributes(2, 'BiasAdd', 'Relu') },
  { name: 'dw', op: 'FusedDepthwiseConv2dNative', input: ['conv', 'dw/kernel', 'dw/bias'], attr: convAttributes(1, 'BiasAdd', 'Relu6') },
  { name: 'features', op: 'Sub', input: ['dw:0', 'offset', '^image'] },
  { name: 'head', op: 'Softmax', input: ['features'] },
];
const model: TfjsGraphModelJson = {
  format: 'graph-model',
  modelTopology: { node: nodes },
  weightsManifest: [{ paths: ['shard1'], weights: weights.map((entry) => entry.entry) }],
};
const weightBytes = new Uint8Array(weights.flatMap((entry) => Array.from(entry.bytes)));

/** TF's SAME convolution on NHWC data; `depthwise` applies kernel [kh, kw, C, M] per channel. */
function referenceConv(
  input: Float32Array,
  size: number,
  channels: number,
  kernel: Weight,
  bias: Float32Array,
  stride: number,
  depthwise: boolean,
): { values: Float32Array; size: number } {
  const [, , kernelIn, kernelOut] = kernel.entry.shape as [number, number, number, number];
  const outSize = Math.ceil(size / stride);
  const outDepth = depthwise ? channels * kernelOut : kernelOut;
  const padBefore = Math.floor(Math.max((outSize - 1) * stride + kernelSide - size, 0) / 2);
  const result = new Float32Array(outSize * outSize * outDepth);
  for (let y = 0; y < outSize; y++) {
    for (let x = 0; x < outSize; x++) {
      for (let o = 0; o < outDepth; o++) {
        let sum = bias[o]!;
        for (let ky = 0; ky < kernelSide; ky++) {
          for (let kx = 0; kx < kernelSide; kx++) {
            const iy = y * stride + ky - padBefore;
            const ix = x * stride + kx - padBefore;
            if (iy < 0 || ix < 0 || iy >= size || ix >= size) continue;
            const pixel = (iy * size + ix) * channels;
            if (depthwise) {
              const c = Math.floor(o / kernelOut);
              sum += input[pixel + c]! * kernel.values[((ky * kernelSide + kx) * kernelIn + c) * kernelOut + (o % kernelOut)]!;
            } else {
              for (let i = 0; i < channels; i++) sum += input[pixel + i]! * kernel.values[((ky * kernelSide + kx) * kernelIn + i) * kernelOut + o]!;
            }
          }
        }
        result[(y * outSize + x) * outDepth + o] = sum;
      }
    }
  }
  return { values: result, size: outSize };
}

function referenceFeatures(image: Float32Array): Float32Array {
  const conv = referenceConv(image, side, inChannels, weight('conv/kernel'), weight('conv/bias').values, 2, false);
  const relu = conv.values.map((value) => Math.max(value, 0));
  const dw = referenceConv(relu, conv.size, convChannels, weight('dw/kernel'), weight('dw/bias').values, 1, true);
  const offsets = weight('offset').values;
  return dw.values.map((value, i) => Math.min(Math.max(value, 0), 6) - offsets[i % outChannels]!);
}

describe('TF.js graph model -> ONNX', () => {
  it('reproduces a plain NHWC computation, pruned to the requested output', async () => {
    const graph = convertTfjsGraphModel(model, weightBytes, { outputs: [{ node: 'features:0', name: 'features' }] });
    const bytes = graph.serialize();
    const onnxModel = decodeModel(bytes);
    expect(onnxModel.graph!.node!.map((node) => node.opType)).toEqual(['Conv', 'Relu', 'Conv', 'Clip', 'Sub']);
    expect(onnxModel.graph!.initializer!.map((tensor) => tensor.name)).not.toContain('head/weights');

    const images = Array.from({ length: batch }, (_, b) => Float32Array.from({ length: side * side * inChannels }, (_, i) => Math.sin(i * 0.7 + b)));
    const nchw = new Float32Array(batch * side * side * inChannels);
    images.forEach((image, b) =>
      image.forEach((value, i) => {
        nchw[(b * inChannels + (i % inChannels)) * side * side + Math.floor(i / inChannels)] = value;
      }),
    );
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
    try {
      const { features } = await session.run({ image: new ort.Tensor('float32', nchw, [batch, inChannels, side, side]) });
      const outSize = Math.ceil(side / 2);
      expect(features!.dims).toEqual([batch, outChannels, outSize, outSize]);
      const actual = features!.data as Float32Array;
      images.forEach((image, b) => {
        referenceFeatures(image).forEach((expected, i) => {
          const channel = i % outChannels;
          const pixel = Math.floor(i / outChannels);
          expect(actual[(b * outChannels + channel) * outSize * outSize + pixel]).toBeCloseTo(expected, 5);
        });
      });
    } finally {
      await session.release();
    }
  });

  it('refuses unsupported ops, fused ops and model formats with the node named', () => {
    expect(() => convertTfjsGraphModel(model, weightBytes, { outputs: [{ node: 'head', name: 'scores' }] })).toThrow(
      'Cannot convert node "head": op Softmax is not supported',
    );
    const withBatchNorm = {
      ...model,
      modelTopology: { node: nodes.map((node) => (node.name === 'conv' ? { ...node, attr: convAttributes(2, 'FusedBatchNorm') } : node)) },
    };
    expect(() => convertTfjsGraphModel(withBatchNorm, weightBytes, { outputs: [{ node: 'features', name: 'features' }] })).toThrow(
      'Cannot convert node "conv" (_FusedConv2D): it fuses [FusedBatchNorm]',
    );
    expect(() => convertTfjsGraphModel({ ...model, format: 'layers-model' }, weightBytes, { outputs: [] })).toThrow('Only TF.js graph models');
    expect(() => convertTfjsGraphModel(model, weightBytes.subarray(1), { outputs: [{ node: 'features', name: 'features' }] })).toThrow(
      `describes ${weightBytes.length} bytes`,
    );
  });
});
