// A packaged model as an NVIDIA Triton Inference Server model repository (issue 17 item 4):
// `<name>/config.pbtxt` written from the ONNX graph's own inputs and outputs (names, data types, dims),
// `<name>/1/model.onnx` (the packaged model unchanged) and `<name>/model.json` (the package's metadata:
// threshold, confidence slope and labels, which turn the outputs into a DetectAnomalyResult; Triton ignores
// files it does not know). docs/inference-server.md explains serving and calling it.
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { onnx } from 'onnx-proto';
import { modelPackageFileNames } from '../../../src/domain/modelPackage';
import { decodeModel } from '../onnx';

export const tritonPlatform = 'onnxruntime_onnx';
/** The batch limit written when the graph's first dimension is symbolic (Triton may then batch requests). */
export const tritonMaxBatchSize = 8;
/** Triton's marker for a dimension of any size. */
const anySize = -1;

export interface TritonTensor {
  name: string;
  /** Triton's DataType name, e.g. TYPE_FP32. */
  dataType: string;
  /** Without the batch dimension when `maxBatchSize` > 0. */
  dims: number[];
}

export interface TritonModelConfig {
  name: string;
  platform: typeof tritonPlatform;
  /** 0: the graph has a fixed first dimension, and `dims` are the full shapes. */
  maxBatchSize: number;
  inputs: TritonTensor[];
  outputs: TritonTensor[];
}

/** ONNX TensorProto.DataType → Triton DataType (model_config.proto). */
const tritonTypeOfOnnx: ReadonlyMap<number, string> = new Map([
  [1, 'TYPE_FP32'],
  [2, 'TYPE_UINT8'],
  [3, 'TYPE_INT8'],
  [4, 'TYPE_UINT16'],
  [5, 'TYPE_INT16'],
  [6, 'TYPE_INT32'],
  [7, 'TYPE_INT64'],
  [8, 'TYPE_STRING'],
  [9, 'TYPE_BOOL'],
  [10, 'TYPE_FP16'],
  [11, 'TYPE_FP64'],
  [12, 'TYPE_UINT32'],
  [13, 'TYPE_UINT64'],
  [16, 'TYPE_BF16'],
]);

/** A Triton model name from the project and version: letters, digits, `_` and `-` only (it is a folder name). */
export function tritonModelName(projectName: string, version: number): string {
  const safe = projectName.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '');
  return `${safe || 'spotcheck'}-${version}`;
}

/** Symbolic dimensions (dim_param, or no size) are null. */
function shapeOf(value: onnx.IValueInfoProto): (number | null)[] {
  return (value.type?.tensorType?.shape?.dim ?? []).map((dim) => (dim.dimParam ? null : Number(dim.dimValue ?? 0) > 0 ? Number(dim.dimValue) : null));
}

function tensorOf(value: onnx.IValueInfoProto, batched: boolean): TritonTensor {
  const elementType = value.type?.tensorType?.elemType ?? 0;
  const dataType = tritonTypeOfOnnx.get(elementType);
  if (!dataType) throw new RangeError(`Tensor ${value.name} has ONNX element type ${elementType}, which Triton has no type for`);
  const shape = shapeOf(value);
  return { name: value.name ?? '', dataType, dims: (batched ? shape.slice(1) : shape).map((dim) => dim ?? anySize) };
}

/** Batching is allowed only when every input's and output's first dimension is symbolic. */
export function tritonModelConfig(modelBytes: Uint8Array, name: string): TritonModelConfig {
  const graph = decodeModel(modelBytes).graph!;
  const weights = new Set((graph.initializer ?? []).map((tensor) => tensor.name));
  const inputs = (graph.input ?? []).filter((input) => !weights.has(input.name));
  const outputs = graph.output ?? [];
  const batched = [...inputs, ...outputs].every((value) => shapeOf(value)[0] === null);
  return {
    name,
    platform: tritonPlatform,
    maxBatchSize: batched ? tritonMaxBatchSize : 0,
    inputs: inputs.map((input) => tensorOf(input, batched)),
    outputs: outputs.map((output) => tensorOf(output, batched)),
  };
}

/** `config.pbtxt` in protobuf text format (Triton's `inference.ModelConfig`). */
export function formatTritonConfig(config: TritonModelConfig): string {
  const tensors = (tensors: TritonTensor[]) =>
    tensors
      .map((tensor) => `  {\n    name: ${JSON.stringify(tensor.name)}\n    data_type: ${tensor.dataType}\n    dims: [ ${tensor.dims.join(', ')} ]\n  }`)
      .join(',\n');
  return [
    `name: ${JSON.stringify(config.name)}`,
    `platform: ${JSON.stringify(config.platform)}`,
    `max_batch_size: ${config.maxBatchSize}`,
    `input [\n${tensors(config.inputs)}\n]`,
    `output [\n${tensors(config.outputs)}\n]`,
    '',
  ].join('\n');
}

/** The repository zip from a model package zip (what Export model writes); `name` is the Triton model name. */
export function buildTritonRepository(modelPackageZip: Uint8Array, name: string): Uint8Array {
  const files = unzipSync(modelPackageZip);
  const modelBytes = files[modelPackageFileNames.model];
  const metadata = files[modelPackageFileNames.metadata];
  if (!modelBytes || !metadata) throw new RangeError('The model package lacks model.onnx or model.json');
  return zipSync({
    [`${name}/config.pbtxt`]: strToU8(formatTritonConfig(tritonModelConfig(modelBytes, name))),
    // The ONNX file barely compresses: stored as is, like the model package does.
    [`${name}/1/model.onnx`]: [modelBytes, { level: 0 }],
    [`${name}/model.json`]: metadata,
  });
}
