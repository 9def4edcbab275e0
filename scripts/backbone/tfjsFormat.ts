// The TF.js graph-model format as the converter reads it: the model JSON's node and attribute
// shapes, and the weight manifest (per-tensor uint8/uint16 affine quantisation) over one byte buffer.
// Build-time only (the backbone Vite plugin, the golden test, benchmarks); kept out of workers/ so the app never bundles it.
import { elementCount } from '../../workers/engine/onnx/index.ts';

export interface TfjsAttrValue {
  readonly s?: string;
  readonly i?: string | number;
  readonly f?: number;
  readonly b?: boolean;
  readonly type?: string;
  readonly shape?: { readonly dim?: readonly { readonly size?: string | number }[]; readonly unknownRank?: boolean };
  readonly list?: { readonly s?: readonly string[]; readonly i?: readonly (string | number)[] };
}

export interface TfjsNode {
  readonly name: string;
  readonly op: string;
  readonly input?: readonly string[];
  readonly attr?: Readonly<Record<string, TfjsAttrValue>>;
}

export interface TfjsQuantization {
  readonly dtype: string;
  readonly min?: number;
  readonly scale?: number;
}

export interface TfjsWeightEntry {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly quantization?: TfjsQuantization;
}

export interface TfjsWeightGroup {
  readonly paths: readonly string[];
  readonly weights: readonly TfjsWeightEntry[];
}

export interface TfjsGraphModelJson {
  readonly format?: string;
  readonly modelTopology: { readonly node: readonly TfjsNode[] };
  readonly weightsManifest: readonly TfjsWeightGroup[];
}

/** TF serialises string attributes (padding, data_format, fused op names) as base64 bytes. */
function decodeBase64Text(value: string): string {
  return atob(value);
}

export function stringAttr(node: TfjsNode, key: string): string | undefined {
  const value = node.attr?.[key]?.s;
  return value === undefined ? undefined : decodeBase64Text(value);
}

export function stringListAttr(node: TfjsNode, key: string): string[] {
  return (node.attr?.[key]?.list?.s ?? []).map(decodeBase64Text);
}

export function intListAttr(node: TfjsNode, key: string): number[] | undefined {
  return node.attr?.[key]?.list?.i?.map(Number);
}

/** Placeholder shape; -1 marks an unknown dimension. */
export function shapeAttr(node: TfjsNode, key: string): number[] | undefined {
  return node.attr?.[key]?.shape?.dim?.map((dim) => Number(dim.size ?? -1));
}

export interface WeightTensor {
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

const quantizedBytesPerValue: Readonly<Record<string, number>> = { uint8: 1, uint16: 2 };
const plainBytesPerValue: Readonly<Record<string, number>> = { float32: 4, int32: 4 };
const float32Bytes = 4;

/**
 * Locates every weight of the manifest in the concatenated shard bytes (groups and shards in manifest
 * order, as TF.js concatenates them) and decodes the ones asked for on demand, so pruned-away
 * weights cost nothing.
 */
export class WeightStore {
  private readonly entries = new Map<string, { entry: TfjsWeightEntry; byteOffset: number }>();

  private readonly data: Uint8Array;

  constructor(manifest: readonly TfjsWeightGroup[], data: ArrayBuffer | Uint8Array) {
    this.data = data instanceof Uint8Array ? data : new Uint8Array(data);
    let byteOffset = 0;
    for (const entry of manifest.flatMap((group) => group.weights)) {
      this.entries.set(entry.name, { entry, byteOffset });
      byteOffset += elementCount(entry.shape) * bytesPerValue(entry);
    }
    if (byteOffset !== this.data.byteLength) {
      throw new RangeError(`The weight manifest describes ${byteOffset} bytes but ${this.data.byteLength} were given`);
    }
  }

  get(name: string): WeightTensor {
    const located = this.entries.get(name);
    if (!located) throw new Error(`No weight named "${name}" in the weight manifest`);
    const { entry, byteOffset } = located;
    if (entry.dtype !== 'float32') throw new Error(`Weight "${name}" has dtype ${entry.dtype}; only float32 weights are supported`);
    const count = elementCount(entry.shape);
    const values = new Float32Array(count);
    const quantization = entry.quantization;
    if (!quantization) {
      const view = new DataView(this.data.buffer, this.data.byteOffset + byteOffset, count * float32Bytes);
      for (let i = 0; i < count; i++) values[i] = view.getFloat32(i * float32Bytes, true);
      return { shape: entry.shape, values };
    }
    const { min, scale } = quantization;
    if (min === undefined || scale === undefined) throw new Error(`Weight "${name}" is ${quantization.dtype}-quantised without min/scale`);
    const start = this.data.byteOffset + byteOffset;
    const quantized =
      quantization.dtype === 'uint8' ? new Uint8Array(this.data.buffer, start, count) : new Uint16Array(this.data.buffer.slice(start, start + count * 2));
    for (let i = 0; i < count; i++) values[i] = quantized[i]! * scale + min;
    return { shape: entry.shape, values };
  }
}

function bytesPerValue(entry: TfjsWeightEntry): number {
  if (entry.quantization) {
    const bytes = quantizedBytesPerValue[entry.quantization.dtype];
    if (bytes === undefined) throw new Error(`Weight "${entry.name}" uses unsupported quantisation ${entry.quantization.dtype}`);
    return bytes;
  }
  const bytes = plainBytesPerValue[entry.dtype];
  if (bytes !== undefined) return bytes;
  throw new Error(`Weight "${entry.name}" has unsupported dtype ${entry.dtype}`);
}
