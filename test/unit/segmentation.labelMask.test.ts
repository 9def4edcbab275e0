// The label-mask graph: per-patch class probabilities on the grid → uint8 label indices at the project size.
// One label: exactly "bilinear-resize the anomaly probability, threshold it" (a plain-JS reference); several
// labels: each anomalous pixel takes the label of its grid cell's most probable anomaly class.
import { describe, expect, it } from 'vitest';
import { ort } from '../../workers/ort';
import { Random } from '../../src/domain/random';
import { GraphBuilder } from '../../workers/engine/onnx';
import { appendLabelMask } from '../../workers/engine/segmentation';

const grid = 4;
const size = { width: 10, height: 14 };

async function labelMask(probabilities: Float32Array, classCount: number, labelIndices: number[], threshold: number): Promise<Uint8Array> {
  const graph = new GraphBuilder('label-mask');
  const mask = appendLabelMask(
    graph,
    {
      probabilities: graph.input('probabilities', 'float32', [grid * grid, classCount]),
      grid,
      classCount,
      size,
      region: { left: 0, top: 0, ...size },
      labelIndices,
      maskProbabilityThreshold: graph.input('threshold', 'float32', []),
    },
    'mask',
  );
  graph.output(mask, 'uint8', [1, size.height, size.width]);
  const session = await ort.InferenceSession.create(graph.serialize());
  const result = await session.run({
    probabilities: new ort.Tensor('float32', probabilities, [grid * grid, classCount]),
    threshold: new ort.Tensor('float32', Float32Array.of(threshold), []),
  });
  await session.release();
  expect(result.mask!.dims).toEqual([1, size.height, size.width]);
  return result.mask!.data as Uint8Array;
}

/** Bilinear resize of a grid × grid map with half-pixel centres and edge clamping (ONNX Resize 'linear'). */
function bilinear(map: Float64Array, x: number, y: number): number {
  const source = (target: number, outSize: number) => Math.min(Math.max(((target + 0.5) * grid) / outSize - 0.5, 0), grid - 1);
  const sx = source(x, size.width);
  const sy = source(y, size.height);
  const [x0, y0] = [Math.floor(sx), Math.floor(sy)];
  const [x1, y1] = [Math.min(x0 + 1, grid - 1), Math.min(y0 + 1, grid - 1)];
  const [fx, fy] = [sx - x0, sy - y0];
  const at = (cx: number, cy: number) => map[cy * grid + cx]!;
  return (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x1, y0)) + fy * ((1 - fx) * at(x0, y1) + fx * at(x1, y1));
}

describe('appendLabelMask', () => {
  it('with one label, marks the pixels whose bilinearly resized anomaly probability reaches the threshold', async () => {
    const random = new Random(11);
    const anomaly = Float64Array.from({ length: grid * grid }, () => random.uniform(0, 1));
    const probabilities = Float32Array.from({ length: grid * grid * 2 }, (_, index) => (index % 2 === 1 ? anomaly[index >> 1]! : 1 - anomaly[index >> 1]!));
    const threshold = 0.55;
    const mask = await labelMask(probabilities, 2, [3], threshold);
    let marked = 0;
    mask.forEach((value, pixel) => {
      const resized = bilinear(
        Float64Array.from(anomaly, (p) => Math.fround(p)),
        pixel % size.width,
        Math.floor(pixel / size.width),
      );
      // Float32 rounding may flip a pixel sitting on the threshold itself; none of these does.
      if (Math.abs(resized - threshold) < 1e-5) return;
      expect(value, `pixel ${pixel}`).toBe(resized >= threshold ? 3 : 0);
      marked += value === 3 ? 1 : 0;
    });
    expect(marked).toBeGreaterThan(0);
    expect(marked).toBeLessThan(mask.length);
  });

  it("with several labels, gives anomalous pixels the label of their cell's most probable anomaly class", async () => {
    // Left half of the grid: class 1 (label 5) wins; right half: class 2 (label 2); bottom row: background.
    const classCount = 3;
    const probabilities = new Float32Array(grid * grid * classCount);
    for (let cell = 0; cell < grid * grid; cell += 1) {
      const [column, row] = [cell % grid, Math.floor(cell / grid)];
      const classProbabilities = row === grid - 1 ? [0.9, 0.05, 0.05] : column < grid / 2 ? [0.1, 0.8, 0.1] : [0.1, 0.15, 0.75];
      probabilities.set(classProbabilities, cell * classCount);
    }
    const mask = await labelMask(probabilities, classCount, [5, 2], 0.5);
    const at = (x: number, y: number) => mask[y * size.width + x];
    expect(at(0, 0)).toBe(5);
    expect(at(3, 5)).toBe(5);
    expect(at(size.width - 1, 0)).toBe(2);
    expect(at(6, 5)).toBe(2);
    expect(at(0, size.height - 1)).toBe(0);
    expect(at(size.width - 1, size.height - 1)).toBe(0);
    expect(new Set(mask)).toEqual(new Set([0, 2, 5]));
  });

  it('refuses label indices that do not match the anomaly classes', () => {
    const graph = new GraphBuilder('label-mask');
    expect(() =>
      appendLabelMask(graph, {
        probabilities: graph.input('probabilities', 'float32', [grid * grid, 3]),
        grid,
        classCount: 3,
        size,
        region: { left: 0, top: 0, ...size },
        labelIndices: [1],
        maskProbabilityThreshold: graph.input('threshold', 'float32', []),
      }),
    ).toThrow(/1 label indices for 2 anomaly classes/);
  });
});
