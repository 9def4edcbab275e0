// ONNX element types and tensor protos for initializers and Constant attributes. Values go into
// `rawData` (little-endian, as on every platform the app runs on): packed repeated fields encode
// millions of weights several times slower.
import type { onnx } from 'onnx-proto';
import { onnxProto } from './proto.ts';

export type ElementType = 'float32' | 'int64' | 'bool' | 'uint8';

/** A dimension: a fixed size or a symbolic name such as 'batch'. */
export type Dim = number | string;

export const onnxDataType: Readonly<Record<ElementType, onnx.TensorProto.DataType>> = {
  float32: onnxProto.TensorProto.DataType.FLOAT,
  int64: onnxProto.TensorProto.DataType.INT64,
  bool: onnxProto.TensorProto.DataType.BOOL,
  /** Packed RGB888 image inputs. */
  uint8: onnxProto.TensorProto.DataType.UINT8,
};

export function elementCount(dims: readonly number[]): number {
  return dims.reduce((count, dim) => count * dim, 1);
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function checkLength(name: string, dims: readonly number[], length: number): void {
  if (length !== elementCount(dims)) {
    throw new RangeError(`Tensor "${name}" has ${length} values but dims [${dims.join(', ')}] need ${elementCount(dims)}`);
  }
}

/** A float32 tensor; a Float32Array is kept as a view, not copied, so do not change it afterwards. */
export function floatTensor(name: string, dims: readonly number[], values: Float32Array | readonly number[]): onnx.TensorProto {
  const data = values instanceof Float32Array ? values : Float32Array.from(values);
  checkLength(name, dims, data.length);
  return onnxProto.TensorProto.create({ name, dims: [...dims], dataType: onnxDataType.float32, rawData: bytesOf(data) });
}

export function int64Tensor(name: string, dims: readonly number[], values: BigInt64Array | readonly (number | bigint)[]): onnx.TensorProto {
  const data = values instanceof BigInt64Array ? values : BigInt64Array.from(values, (value) => BigInt(value));
  checkLength(name, dims, data.length);
  return onnxProto.TensorProto.create({ name, dims: [...dims], dataType: onnxDataType.int64, rawData: bytesOf(data) });
}

export function valueInfo(name: string, elementType: ElementType, shape: readonly Dim[]): onnx.ValueInfoProto {
  return onnxProto.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: onnxDataType[elementType],
        shape: { dim: shape.map((dim) => (typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim })) },
      },
    },
  });
}
