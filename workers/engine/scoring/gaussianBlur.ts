// Smoothing of the anomaly map on the patch grid. PatchCore upsamples the patch map to 224x224 and blurs it
// with σ = 4 px; here the blur runs on the grid itself (σ in cells), which costs ~1/64 of the work and keeps
// every full-resolution pass out of scoring. A separable Gaussian as two fixed Convs, with reflected
// borders so that edge patches are not pulled towards zero.
import { attr } from '../onnx';
import type { GraphBuilder } from '../onnx';

/** σ of PatchCore's blur in pixels of the backbone-sized (224x224) map. */
export const blurSigmaPx = 4;
/**
 * Variance (cells²) that bilinear upsampling added before PatchCore's blur: its triangle kernel of half-width
 * one cell. Added to the pixel σ so that a grid blur smooths peaks about as much as upsample-then-blur did.
 */
const bilinearVarianceCells = 1 / 6;
/** Taps reach ±3σ, where the Gaussian has fallen below 1.2 % of its peak. */
const radiusInSigmas = 3;

/** σ in grid cells equivalent to bilinear upsampling plus `blurSigmaPx`, for grid cells of `stridePx`. */
export function blurSigmaCells(stridePx: number): number {
  return Math.sqrt((blurSigmaPx / stridePx) ** 2 + bilinearVarianceCells);
}

/** Normalised 1-D Gaussian taps, 2·⌈3σ⌉ + 1 long. */
export function gaussianKernel(sigma: number): Float32Array {
  const radius = Math.ceil(radiusInSigmas * sigma);
  const taps = Array.from({ length: 2 * radius + 1 }, (_, index) => Math.exp(-((index - radius) ** 2) / (2 * sigma * sigma)));
  const total = taps.reduce((sum, tap) => sum + tap, 0);
  return Float32Array.from(taps, (tap) => tap / total);
}

/** Blurs a [1, 1, H, W] map (σ in its own cells; H and W must exceed the kernel radius); same shape out. */
export function appendGaussianBlur(graph: GraphBuilder, map: string, sigma: number, name: string): string {
  const kernel = gaussianKernel(sigma);
  const radius = (kernel.length - 1) / 2;
  const pads = graph.int64Initializer(`${name}/pads`, [8], [0, 0, radius, radius, 0, 0, radius, radius]);
  const padded = graph.node('Pad', [map, pads], { mode: attr.string('reflect') }, { output: `${name}/padded` });
  const rows = graph.node('Conv', [padded, graph.floatInitializer(`${name}/row_kernel`, [1, 1, 1, kernel.length], kernel)], {}, { output: `${name}/rows` });
  return graph.node('Conv', [rows, graph.floatInitializer(`${name}/column_kernel`, [1, 1, kernel.length, 1], kernel)], {}, { output: name });
}
