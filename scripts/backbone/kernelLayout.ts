// Re-lays TF convolution kernels out for ONNX: TF stores HWIO (depthwise: H, W, C, multiplier),
// ONNX Conv wants OIHW (depthwise: C*multiplier, 1, H, W with group = C).
// Build-time only (the backbone Vite plugin, the golden test, benchmarks); kept out of workers/ so the app never bundles it.

/** Permutes the axes of a rank-4 row-major tensor: output axis k is input axis perm[k]. */
function transpose4d(values: Float32Array, shape: readonly number[], perm: readonly [number, number, number, number]): Float32Array {
  if (shape.length !== 4) throw new RangeError(`Expected a rank-4 kernel, got shape [${shape.join(', ')}]`);
  const inputStrides = [shape[1]! * shape[2]! * shape[3]!, shape[2]! * shape[3]!, shape[3]!, 1];
  const [d0, d1, d2, d3] = perm.map((axis) => shape[axis]!) as [number, number, number, number];
  const [s0, s1, s2, s3] = perm.map((axis) => inputStrides[axis]!) as [number, number, number, number];
  const result = new Float32Array(values.length);
  let out = 0;
  for (let a = 0; a < d0; a++) {
    for (let b = 0; b < d1; b++) {
      for (let c = 0; c < d2; c++) {
        const base = a * s0 + b * s1 + c * s2;
        for (let d = 0; d < d3; d++) result[out++] = values[base + d * s3]!;
      }
    }
  }
  return result;
}

export interface OnnxKernel {
  readonly dims: [number, number, number, number];
  readonly values: Float32Array;
  /** ONNX Conv `group`: 1 for a full convolution, the input channel count for a depthwise one. */
  readonly group: number;
}

export function hwioToOihw(values: Float32Array, shape: readonly number[]): OnnxKernel {
  const [height, width, inChannels, outChannels] = shape as [number, number, number, number];
  return { dims: [outChannels, inChannels, height, width], values: transpose4d(values, shape, [3, 2, 0, 1]), group: 1 };
}

/** TF's depthwise output channel c*multiplier + m is ONNX grouped-conv output channel c*multiplier + m. */
export function depthwiseToOihw(values: Float32Array, shape: readonly number[]): OnnxKernel {
  const [height, width, channels, multiplier] = shape as [number, number, number, number];
  return { dims: [channels * multiplier, 1, height, width], values: transpose4d(values, shape, [2, 3, 0, 1]), group: channels };
}
