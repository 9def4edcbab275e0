// Every registered backbone against its original TF.js model (TF.js wasm backend, under Node): same
// feature maps on fixed images, classifier pruned away, unsupported ops and layers named.
import path from 'node:path';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { onnx } from 'onnx-proto';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertBackbone, readBackboneSource } from '../../scripts/backbone/convertBackbone';
import type { TfjsModelFiles } from '../../scripts/backbone/umdModelFiles';
import { renderSyntheticSample } from '../../src/syntheticImages';
import { decodeModel } from '../../workers/engine/onnx';
import { convertTfjsLayersModel } from '../../scripts/backbone/kerasToOnnx';
import type { TfjsLayersModelJson } from '../../scripts/backbone/kerasToOnnx';
import { backbones } from '../../workers/engine/backbone/registry';
import type { BackboneEntry } from '../../workers/engine/backbone/registry';
import type { TfjsGraphModelJson } from '../../scripts/backbone/tfjsFormat';
import { convertTfjsGraphModel } from '../../scripts/backbone/tfjsToOnnx';
import { ort } from '../../workers/ort';

const side = 224;
const pixels = side * side;
const channels = 3;
// Relative to the largest magnitude in each feature map: elementwise relative error is meaningless
// where features cross zero, and both runtimes accumulate float32 sums in different orders.
const maxRelativeError = 1e-4;

/** RGB in [0, 1], both as NHWC (TF.js) and NCHW (ONNX). */
interface TestImage {
  readonly name: string;
  readonly nhwc: Float32Array;
  readonly nchw: Float32Array;
}

function fromRgba(name: string, rgba: ArrayLike<number>): TestImage {
  const nhwc = new Float32Array(pixels * channels);
  const nchw = new Float32Array(pixels * channels);
  for (let pixel = 0; pixel < pixels; pixel++) {
    for (let channel = 0; channel < channels; channel++) {
      const value = rgba[pixel * 4 + channel]! / 255;
      nhwc[pixel * channels + channel] = value;
      nchw[channel * pixels + pixel] = value;
    }
  }
  return { name, nhwc, nchw };
}

function gradientRgba(): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(pixels * 4);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const i = (y * side + x) * 4;
      rgba.set([(x * 255) / (side - 1), (y * 255) / (side - 1), 128, 255], i);
    }
  }
  return rgba;
}

const images: TestImage[] = [
  fromRgba('normal part', renderSyntheticSample({ seed: 11, width: side, height: side, defects: [] }).rgba),
  fromRgba('scratched, dented part', renderSyntheticSample({ seed: 12, width: side, height: side, defects: ['scratch', 'dent'] }).rgba),
  fromRgba('part with a missing component', renderSyntheticSample({ seed: 13, width: side, height: side, defects: ['missing-component'] }).rgba),
  fromRgba('colour gradient', gradientRgba()),
];

function batch(layout: 'nhwc' | 'nchw'): Float32Array {
  const result = new Float32Array(images.length * pixels * channels);
  images.forEach((image, index) => result.set(image[layout], index * pixels * channels));
  return result;
}

/** NHWC [N, H, W, C] -> NCHW [N, C, H, W]. */
function toNchw(values: Float32Array, [n, h, w, c]: readonly number[]): Float32Array {
  const result = new Float32Array(values.length);
  for (let image = 0; image < n!; image++) {
    for (let pixel = 0; pixel < h! * w!; pixel++) {
      for (let channel = 0; channel < c!; channel++) {
        result[(image * c! + channel) * h! * w! + pixel] = values[(image * h! * w! + pixel) * c! + channel]!;
      }
    }
  }
  return result;
}

function relativeError(expected: Float32Array, actual: Float32Array): number {
  let maxDifference = 0;
  let maxMagnitude = 0;
  for (let i = 0; i < expected.length; i++) {
    maxDifference = Math.max(maxDifference, Math.abs(expected[i]! - actual[i]!));
    maxMagnitude = Math.max(maxMagnitude, Math.abs(expected[i]!));
  }
  return maxDifference / maxMagnitude;
}

type FeatureMaps = Record<string, { values: Float32Array; shape: number[] }>;

function useTfjsWasm(): Promise<boolean> {
  const require = createRequire(import.meta.url);
  // The wasm backend loads its .wasm from this folder with Node's fs when given a file path.
  setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}${path.sep}`);
  return tf.setBackend('wasm');
}

/** The original model in TF.js, cut at the backbone's outputs, on the NHWC test batch. */
async function runTfjs(backbone: BackboneEntry, source: TfjsModelFiles): Promise<FeatureMaps> {
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: source.model.modelTopology as tf.io.ModelArtifacts['modelTopology'],
    weightSpecs: source.model.weightsManifest.flatMap((group) => group.weights) as tf.io.WeightsManifestEntry[],
    weightData: source.weights.slice().buffer,
    format: backbone.source.format,
  };
  const input = tf.tensor4d(batch('nhwc'), [images.length, side, side, channels]);
  let outputs: tf.Tensor[];
  if (backbone.source.format === 'graph-model') {
    const model = await tf.loadGraphModel(tf.io.fromMemory(artifacts));
    outputs = model.execute(
      input,
      backbone.outputs.map((output) => output.sourceNode),
    ) as tf.Tensor[];
    model.dispose();
  } else {
    const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
    const features = tf.model({
      inputs: model.inputs,
      outputs: backbone.outputs.map((output) => model.getLayer(output.sourceNode).output as tf.SymbolicTensor),
    });
    outputs = features.predict(input) as tf.Tensor[];
    model.dispose();
  }
  const result = Object.fromEntries(
    await Promise.all(
      backbone.outputs.map(async (output, index) => {
        const tensor = outputs[index]!;
        return [output.name, { values: (await tensor.data()) as Float32Array, shape: tensor.shape }] as const;
      }),
    ),
  );
  tf.dispose([input, ...outputs]);
  return result;
}

const classifierOps = ['MatMul', 'Gemm', 'Softmax', 'AveragePool', 'GlobalAveragePool', 'Flatten', 'Reshape'];
const expectedBytes: Record<string, { min: number; max: number }> = {
  mobilenet_v2_mid: { min: 4.0e6, max: 4.4e6 },
};

beforeAll(useTfjsWasm);

describe.each(backbones)('backbone $id: TF.js -> ONNX', (backbone) => {
  let source: TfjsModelFiles;
  let onnxBytes: Uint8Array;
  let conversionMs: number;

  beforeAll(async () => {
    source = await readBackboneSource(backbone.id);
    const started = performance.now();
    onnxBytes = await convertBackbone(backbone.id);
    conversionMs = performance.now() - started;
  });

  it('matches the TF.js feature maps within 1e-4 relative on fixed images', async () => {
    const session = await ort.InferenceSession.create(onnxBytes, { executionProviders: ['wasm'] });
    try {
      const input = new ort.Tensor('float32', batch('nchw'), [images.length, channels, side, side]);
      const started = performance.now();
      const onnxOutputs = await session.run({ [backbone.input.name]: input });
      const inferenceMsPerImage = (performance.now() - started) / images.length;
      const tfjsOutputs = await runTfjs(backbone, source);
      const errors: Record<string, number[]> = {};
      for (const output of backbone.outputs) {
        const actual = onnxOutputs[output.name]!;
        const expected = tfjsOutputs[output.name]!;
        const grid = side / output.stride;
        expect(actual.dims).toEqual([images.length, output.channels, grid, grid]);
        expect(expected.shape).toEqual([images.length, grid, grid, output.channels]);
        const expectedNchw = toNchw(expected.values, expected.shape);
        const perImage = output.channels * grid * grid;
        errors[output.name] = images.map((_, index) =>
          relativeError(
            expectedNchw.subarray(index * perImage, (index + 1) * perImage),
            (actual.data as Float32Array).subarray(index * perImage, (index + 1) * perImage),
          ),
        );
        for (const error of errors[output.name]!) expect(error).toBeLessThan(maxRelativeError);
      }
      console.info(
        `${backbone.id}: ${onnxBytes.byteLength} bytes ONNX, converted in ${conversionMs.toFixed(0)} ms, ` +
          `ORT wasm ${inferenceMsPerImage.toFixed(1)} ms/image, max relative error ${JSON.stringify(errors)}`,
      );
    } finally {
      await session.release();
    }
  });

  it('keeps only the feature extractor: no classifier ops, NCHW outputs at the registered strides', () => {
    const model = decodeModel(onnxBytes);
    const opTypes = new Set(model.graph!.node!.map((node) => node.opType!));
    expect(classifierOps.filter((op) => opTypes.has(op))).toEqual([]);
    const dims = (value: onnx.IValueInfoProto) => value.type!.tensorType!.shape!.dim!.map((dim) => dim.dimParam || Number(dim.dimValue));
    expect(model.graph!.input!.map(dims)).toEqual([['batch', channels, side, side]]);
    expect(model.graph!.output!.map((output) => output.name)).toEqual(backbone.outputs.map((output) => output.name));
    expect(model.graph!.output!.map(dims)).toEqual(backbone.outputs.map((output) => ['batch', output.channels, side / output.stride, side / output.stride]));
    expect(Number(model.opsetImport![0]!.version)).toBe(17);
    const bytes = expectedBytes[backbone.id];
    if (bytes) expect(onnxBytes.byteLength).toBeGreaterThan(bytes.min);
    if (bytes) expect(onnxBytes.byteLength).toBeLessThan(bytes.max);
  });
});

describe('unsupported parts of the nsfwjs models', () => {
  it('names the op and node when an output needs an unsupported one', async () => {
    const source = await readBackboneSource('mobilenet_v2_mid');
    const model = source.model as TfjsGraphModelJson;
    const softmax = model.modelTopology.node.find((node) => node.op === 'Softmax')!;
    expect(() => convertTfjsGraphModel(model, source.weights, { outputs: [{ node: softmax.name, name: 'scores' }] })).toThrow(
      `Cannot convert node "${softmax.name}": op Softmax is not supported`,
    );
    expect(() => convertTfjsGraphModel(model, source.weights, { outputs: [{ node: 'no/such/node', name: 'x' }] })).toThrow(
      'The model has no node named "no/such/node"',
    );
  });

  it('names the layer and class when an output needs an unsupported layer', async () => {
    const source = await readBackboneSource('mobilenet_v2');
    expect(() => convertTfjsLayersModel(source.model as TfjsLayersModelJson, source.weights, { outputs: [{ node: 'dense_1', name: 'scores' }] })).toThrow(
      'Cannot convert layer "dense_1": Dense is not supported',
    );
  });
});
