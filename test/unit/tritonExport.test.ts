// "Export for inference server" (issue 17 item 4): the Triton model repository's config.pbtxt parses as
// protobuf text format against Triton's model_config.proto (vendored subset), its tensors are the ONNX
// graph's own (names, types, shapes), and the model file runs in onnxruntime-node at the batch sizes the
// config allows: the packaged model has a fixed batch of 1 (max_batch_size 0, batch 4 refused by the graph);
// a graph with a symbolic batch gets max_batch_size > 0 and gives the same rows at batch 1 and batch 4.
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { onnx } from 'onnx-proto';
import * as ortNode from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertBackbone } from '../../scripts/backbone/convertBackbone';
import { buildModelPackage } from '../../src/domain/modelPackage';
import type { ModelVersion } from '../../src/domain/types';
import { defaultBackboneId } from '../../workers/engine/backbone/registry';
import { decodeModel } from '../../workers/engine/onnx';
import {
  buildTritonRepository,
  formatTritonConfig,
  tritonMaxBatchSize,
  tritonModelConfig,
  tritonModelName,
} from '../../workers/engine/packaging/tritonRepository';
import { trainAnomalyModel, type TrainingResult } from '../../workers/engine/training';
import { buildSelfTestModel } from '../../workers/runtime/selfTest';
import { parseTextFormat } from './helpers/protoTextFormat';
import { syntheticTrainingSet, trainingRunTimeoutMs } from './helpers/syntheticTraining';

const modelConfigProto = readFileSync(new URL('../fixtures/triton/model_config.proto', import.meta.url), 'utf8');
const side = 64;
const dataset = syntheticTrainingSet({ seed: 33, side, normalCount: 12, perDefectCount: 3, testShare: 0.3 });

interface ParsedTensor {
  name: string;
  data_type: number;
  dims: number[];
}
interface ParsedConfig {
  name: string;
  platform: string;
  max_batch_size: number;
  input: ParsedTensor[];
  output: ParsedTensor[];
}

function parseConfig(text: string): ParsedConfig {
  const message = parseTextFormat(modelConfigProto, 'inference.ModelConfig', text);
  return message.$type.toObject(message, { longs: Number, defaults: true }) as unknown as ParsedConfig;
}

/** Triton's DataType numbers (model_config.proto) of the ONNX element types the engine uses. */
const tritonTypeNumberOfOnnx = new Map([
  [1, 11], // FLOAT → TYPE_FP32
  [2, 2], // UINT8 → TYPE_UINT8
]);

/** The graph's inputs and outputs as Triton must see them: name, Triton type number, full shape. */
function graphTensors(modelBytes: Uint8Array) {
  const graph = decodeModel(modelBytes).graph!;
  const tensor = (value: onnx.IValueInfoProto) => ({
    name: value.name!,
    data_type: tritonTypeNumberOfOnnx.get(value.type!.tensorType!.elemType!)!,
    dims: value.type!.tensorType!.shape!.dim!.map((dim) => (dim.dimParam ? -1 : Number(dim.dimValue))),
  });
  return { input: graph.input!.map(tensor), output: graph.output!.map(tensor) };
}

describe('protobuf text-format reader (test helper)', () => {
  it('reads a Triton example config: comments, lists, blocks, maps, enums', () => {
    const config = parseTextFormat(
      modelConfigProto,
      'inference.ModelConfig',
      `# an example
      name: "densenet" platform: "onnxruntime_onnx"
      max_batch_size: 8
      input [ { name: "x" data_type: TYPE_FP32 format: FORMAT_NCHW dims: [ 3, 224, 224 ] reshape: { shape: [ 1, 3, 224, 224 ] } } ]
      output { name: "y" data_type: TYPE_FP32 dims: 1000 dims: 1 label_filename: "labels.txt" }
      parameters { key: "threshold" value: { string_value: "0.5" } }
      metric_tags { key: "line" value: "3" }`,
    );
    expect(config.toJSON()).toEqual({
      name: 'densenet',
      platform: 'onnxruntime_onnx',
      max_batch_size: 8,
      input: [{ name: 'x', data_type: 'TYPE_FP32', format: 'FORMAT_NCHW', dims: ['3', '224', '224'], reshape: { shape: ['1', '3', '224', '224'] } }],
      output: [{ name: 'y', data_type: 'TYPE_FP32', dims: ['1000', '1'], label_filename: 'labels.txt' }],
      parameters: { threshold: { string_value: '0.5' } },
      metric_tags: { line: '3' },
    });
  });

  it.each([
    ['an unknown field', 'name: "m" max_batch: 1', 'inference.ModelConfig.max_batch: ModelConfig has no field max_batch'],
    ['an unknown enum value', 'input { name: "x" data_type: TYPE_FLOAT32 }', 'inference.ModelConfig.input.data_type: TYPE_FLOAT32 is not a DataType value'],
    ['an unquoted string', 'name: model', 'inference.ModelConfig.name: model is not a quoted string'],
    ['a fraction for an integer', 'max_batch_size: 1.5', 'inference.ModelConfig.max_batch_size: 1.5 is not an integer (int32)'],
    ['a scalar set twice', 'name: "a" name: "b"', 'inference.ModelConfig.name: set twice'],
  ])('refuses %s, naming the field', (_case, text, message) => {
    expect(() => parseTextFormat(modelConfigProto, 'inference.ModelConfig', text)).toThrow(message);
  });
});

describe('Triton model repository of a packaged model', () => {
  let result: TrainingResult;
  let files: Record<string, Uint8Array>;
  const name = tritonModelName('Line 3 / parts', 2);

  beforeAll(async () => {
    result = await trainAnomalyModel({ ...dataset, backboneId: defaultBackboneId, backboneModel: await convertBackbone(defaultBackboneId), seed: 8 });
    const version = {
      version: 2,
      description: '',
      tags: [],
      anomalyThreshold: 0.4,
      trainedAnomalyThreshold: result.metadata.threshold,
    } as unknown as ModelVersion;
    const modelPackage = buildModelPackage(result.modelBytes, result.metadata, version, 'Line 3 / parts', '2026-12-03T12:00:00Z');
    files = unzipSync(buildTritonRepository(modelPackage, name));
  }, trainingRunTimeoutMs);

  it('lays out <name>/config.pbtxt, <name>/1/model.onnx (the model unchanged) and <name>/model.json', () => {
    expect(name).toBe('Line_3_parts-2');
    expect(Object.keys(files).sort()).toEqual([`${name}/1/model.onnx`, `${name}/config.pbtxt`, `${name}/model.json`]);
    expect(Buffer.from(files[`${name}/1/model.onnx`]!).equals(Buffer.from(result.modelBytes))).toBe(true);
    expect(JSON.parse(new TextDecoder().decode(files[`${name}/model.json`]))).toMatchObject({ threshold: 0.4, sha256: result.metadata.sha256 });
  });

  it('writes a config.pbtxt that parses against model_config.proto with the graph’s tensors and no batching (fixed batch of 1)', () => {
    const config = parseConfig(new TextDecoder().decode(files[`${name}/config.pbtxt`]));
    const graph = graphTensors(result.modelBytes);
    expect(graph.input[0]!.dims).toEqual([1, side, side, 3]);
    expect(config).toMatchObject({ name, platform: 'onnxruntime_onnx', max_batch_size: 0 });
    expect(config.input.map(({ name, data_type, dims }) => ({ name, data_type, dims }))).toEqual(graph.input);
    expect(config.output.map(({ name, data_type, dims }) => ({ name, data_type, dims }))).toEqual(graph.output);
  });

  it('runs in onnxruntime-node at batch 1 with the output shapes the config declares; the graph refuses batch 4', async () => {
    const session = await ortNode.InferenceSession.create(files[`${name}/1/model.onnx`]!);
    try {
      const config = parseConfig(new TextDecoder().decode(files[`${name}/config.pbtxt`]));
      const image = dataset.images[0]!.rgb;
      const outputs = await session.run({ image: new ortNode.Tensor('uint8', image, [1, side, side, 3]) });
      for (const output of config.output) expect(outputs[output.name]!.dims, output.name).toEqual(output.dims);
      const batchOfFour = new Uint8Array(image.length * 4);
      await expect(session.run({ image: new ortNode.Tensor('uint8', batchOfFour, [4, side, side, 3]) })).rejects.toThrow(/dimension|shape/i);
    } finally {
      await session.release();
    }
  });
});

describe('Triton config of a graph with a symbolic batch dimension', () => {
  const modelBytes = buildSelfTestModel();

  it('allows batching (max_batch_size) and leaves the batch dimension out of dims', () => {
    const config = parseConfig(formatTritonConfig(tritonModelConfig(modelBytes, 'batched')));
    expect(config.max_batch_size).toBe(tritonMaxBatchSize);
    expect(config.input.map(({ name, dims }) => ({ name, dims }))).toEqual([{ name: 'x', dims: [2] }]);
    expect(config.output.map(({ name, dims }) => ({ name, dims }))).toEqual([{ name: 'y', dims: [2] }]);
  });

  it('gives identical outputs in onnxruntime-node with batch 1 and batch 4', async () => {
    const session = await ortNode.InferenceSession.create(modelBytes);
    try {
      const rows = [
        [1, 2],
        [-3, 0.5],
        [4, -1],
        [0.25, 7],
      ];
      const batched = (await session.run({ x: new ortNode.Tensor('float32', Float32Array.from(rows.flat()), [4, 2]) })).y!.data as Float32Array;
      for (const [index, row] of rows.entries()) {
        const single = (await session.run({ x: new ortNode.Tensor('float32', Float32Array.from(row), [1, 2]) })).y!.data as Float32Array;
        expect([...batched.subarray(index * 2, index * 2 + 2)]).toEqual([...single]);
      }
    } finally {
      await session.release();
    }
  });
});
