// Typed ONNX node attributes: the builder's callers say which protobuf field a value goes to,
// because a JS number alone cannot tell an int attribute (`group: 1`) from a float one (`alpha: 1`).
import type { onnx } from 'onnx-proto';
import { onnxProto } from './proto.ts';

export type AttributeValue =
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'ints'; readonly value: readonly number[] }
  | { readonly kind: 'floats'; readonly value: readonly number[] }
  | { readonly kind: 'tensor'; readonly value: onnx.ITensorProto };

export type Attributes = Readonly<Record<string, AttributeValue>>;

export const attr = {
  int: (value: number): AttributeValue => {
    if (!Number.isSafeInteger(value)) throw new RangeError(`An int attribute must be a safe integer, got ${value}`);
    return { kind: 'int', value };
  },
  float: (value: number): AttributeValue => ({ kind: 'float', value }),
  string: (value: string): AttributeValue => ({ kind: 'string', value }),
  ints: (value: readonly number[]): AttributeValue => {
    const bad = value.find((item) => !Number.isSafeInteger(item));
    if (bad !== undefined) throw new RangeError(`An ints attribute must hold safe integers, got ${bad}`);
    return { kind: 'ints', value: [...value] };
  },
  floats: (value: readonly number[]): AttributeValue => ({ kind: 'floats', value: [...value] }),
  tensor: (value: onnx.ITensorProto): AttributeValue => ({ kind: 'tensor', value }),
} as const;

const textEncoder = new TextEncoder();
const { AttributeType } = onnxProto.AttributeProto;

export function toAttributeProto(name: string, attribute: AttributeValue): onnx.AttributeProto {
  switch (attribute.kind) {
    case 'int':
      return onnxProto.AttributeProto.create({ name, type: AttributeType.INT, i: attribute.value });
    case 'float':
      return onnxProto.AttributeProto.create({ name, type: AttributeType.FLOAT, f: attribute.value });
    case 'string':
      return onnxProto.AttributeProto.create({ name, type: AttributeType.STRING, s: textEncoder.encode(attribute.value) });
    case 'ints':
      return onnxProto.AttributeProto.create({ name, type: AttributeType.INTS, ints: [...attribute.value] });
    case 'floats':
      return onnxProto.AttributeProto.create({ name, type: AttributeType.FLOATS, floats: [...attribute.value] });
    case 'tensor':
      return onnxProto.AttributeProto.create({ name, type: AttributeType.TENSOR, t: attribute.value });
  }
}
