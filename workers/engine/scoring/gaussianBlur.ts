// Smoothing of the upsampled anomaly map (PatchCore blurs with σ = 4 px at 224x224): a separable Gaussian
// as two fixed Convs, with reflected borders so that edge patches are not pulled towards zero.
import { attr } from '../onnx';
import type { GraphBuilder } from '../onnx';

/** σ of the blur in pixels of the backbone-sized (224x224) map, as in PatchCore. */
export const blurSigmaPx = 4;
/** Taps reach ±3σ, where the Gaussian has fallen below 1.2 % of its peak. */
const radiusInSigmas = 3;

/** Normalised 1-D Gaussian taps, 2·⌈3σ⌉ + 1 long. */
export function gaussianKernel(sigmaPx: number): Float32Array {
  const radius = Math.ceil(radiusInSigmas * sigmaPx);
  const taps = Array.from({ length: 2 * radius + 1 }, (_, index) => Math.exp(-((index - radius) ** 2) / (2 * sigmaPx * sigmaPx)));
  const total = taps.reduce((sum, tap) => sum + tap, 0);
  return Float32Array.from(taps, (tap) => tap / total);
}

/** Blurs a [1, 1, H, W] map; the result has the same shape. */
export function appendGaussianBlur(graph: GraphBuilder, map: string, sigmaPx: number, name: string): string {
  const kernel = gaussianKernel(sigmaPx);
  const radius = (kernel.length - 1) / 2;
  const pads = graph.int64Initializer(`${name}/pads`, [8], [0, 0, radius, radius, 0, 0, radius, radius]);
  const padded = graph.node('Pad', [map, pads], { mode: attr.string('reflect') }, { output: `${name}/padded` });
  const rows = graph.node('Conv', [padded, graph.floatInitializer(`${name}/row_kernel`, [1, 1, 1, kernel.length], kernel)], {}, { output: `${name}/rows` });
  return graph.node('Conv', [rows, graph.floatInitializer(`${name}/column_kernel`, [1, 1, kernel.length, 1], kernel)], {}, { output: name });
}
