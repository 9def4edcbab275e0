// The pre-processing inside every engine model (issue 13): the picture's centre leaves it with the target
// mean brightness, a brighter or darker light is undone while contrast is kept, the border the score leaves
// out is filled with copies of the centre's edge, and a strip in that border changes nothing the backbone sees.
import { describe, expect, it } from 'vitest';
import { paintEdgeStrip } from '../../workers/engine/augmentation/imageTransforms';
import type { RgbImage } from '../../workers/engine/augmentation/imageTransforms';
import { appendPreprocessing, targetMeanBrightness } from '../../workers/engine/features/featureGraph';
import { GraphBuilder } from '../../workers/engine/onnx';
import { scoreBorderPixels } from '../../workers/engine/features';
import { ort } from '../../workers/ort';

/** The backbone's input side in these tests; the picture has it too, so the resize moves no pixel. */
const side = 40;
/** Cells of 8 px, as at the real backbones' stride-8 grid: a border of 1 cell, 8 px. */
const grid = 5;
const border = scoreBorderPixels(side, grid);
/** Float rounding of a mean over 3 × 24 × 24 values. */
const floatTolerance = 1e-5;

async function preprocess(image: RgbImage): Promise<Float32Array> {
  const graph = new GraphBuilder('preprocessing');
  const input = graph.input('image', 'uint8', [1, image.height, image.width, 3]);
  graph.output(appendPreprocessing(graph, input, { side, grid }), 'float32', [1, 3, side, side]);
  const session = await ort.InferenceSession.create(graph.serialize(), { executionProviders: ['wasm'] });
  try {
    const outputs = await session.run({ image: new ort.Tensor('uint8', image.rgb, [1, image.height, image.width, 3]) });
    return Float32Array.from(Object.values(outputs)[0]!.data as Float32Array);
  } finally {
    await session.release();
  }
}

/** Mid-tone gradients and a bright square, every byte within 60–190 (room to brighten or darken by 40). */
function mutedPicture(): RgbImage {
  const rgb = new Uint8Array(side * side * 3);
  for (let y = 0; y < side; y += 1) {
    for (let x = 0; x < side; x += 1) {
      const inSquare = x >= 15 && x < 25 && y >= 12 && y < 22;
      const offset = (y * side + x) * 3;
      rgb[offset] = inSquare ? 190 : 60 + 2 * x;
      rgb[offset + 1] = inSquare ? 180 : 70 + 2 * y;
      rgb[offset + 2] = inSquare ? 170 : 100 + x + y;
    }
  }
  return { rgb, width: side, height: side };
}

function shiftedBy(image: RgbImage, levels: number): RgbImage {
  return { ...image, rgb: image.rgb.map((value) => value + levels) };
}

/** Values of the centre (outside the border the statistics leave out), all three channels. */
function centreOf(planes: Float32Array): Float32Array {
  const values: number[] = [];
  for (let channel = 0; channel < 3; channel += 1) {
    for (let y = border; y < side - border; y += 1) {
      for (let x = border; x < side - border; x += 1) values.push(planes[(channel * side + y) * side + x]!);
    }
  }
  return Float32Array.from(values);
}

const meanOf = (values: Float32Array) => values.reduce((sum, value) => sum + value, 0) / values.length;

function largestDifference(first: Float32Array, second: Float32Array): number {
  return first.reduce((largest, value, index) => Math.max(largest, Math.abs(value - second[index]!)), 0);
}

describe('brightness normalisation', () => {
  it('gives the centre of the picture the target mean', async () => {
    expect(meanOf(centreOf(await preprocess(mutedPicture())))).toBeCloseTo(targetMeanBrightness, 5);
  });

  it('undoes a brighter or darker light and keeps the contrast', async () => {
    const picture = mutedPicture();
    const original = await preprocess(picture);
    for (const levels of [-40, 25]) {
      expect(largestDifference(await preprocess(shiftedBy(picture, levels)), original)).toBeLessThan(floatTolerance);
    }
    // Contrast kept: the red difference between the centre's corner and the bright square is the input's, in full-scale units.
    const red = (x: number, y: number) => ({ planar: original[y * side + x]!, packed: picture.rgb[3 * (y * side + x)]! });
    const [corner, square] = [red(border, border), red(20, 16)];
    expect(corner.planar - square.planar).toBeCloseTo((corner.packed - square.packed) / 255, 5);
  });
});

describe('the frame border before the backbone', () => {
  it("is filled with copies of the centre's nearest edge pixel", async () => {
    const picture = mutedPicture();
    const planes = await preprocess(picture);
    const at = (channel: number, x: number, y: number) => planes[(channel * side + y) * side + x]!;
    const clamp = (value: number) => Math.min(Math.max(value, border), side - 1 - border);
    expect(border).toBe(8);
    for (let channel = 0; channel < 3; channel += 1) {
      for (let y = 0; y < side; y += 1) {
        for (let x = 0; x < side; x += 1) expect(at(channel, x, y)).toBe(at(channel, clamp(x), clamp(y)));
      }
    }
    // The input's own corner differs from the centre's (the gradients run across the frame), so the fill is not the input's.
    expect(picture.rgb[0]).not.toBe(picture.rgb[3 * (border * side + border)]);
  });

  it('gives the backbone the same numbers when a dark strip fills the border on any side', async () => {
    const picture = mutedPicture();
    const original = await preprocess(picture);
    for (const stripSide of ['bottom', 'left', 'top', 'right'] as const) {
      const striped = paintEdgeStrip(picture, { side: stripSide, share: border / side, color: [20, 18, 16] });
      expect(striped.rgb).not.toEqual(picture.rgb);
      expect(largestDifference(await preprocess(striped), original)).toBeLessThan(floatTolerance);
    }
  });
});
