// Brightness normalisation inside every engine model (issue 13): the picture's centre leaves the
// pre-processing with the target mean, a brighter or darker light is undone while contrast is kept, and a
// strip in the frame's border does not change the rest.
import { describe, expect, it } from 'vitest';
import { paintEdgeStrip } from '../../workers/engine/augmentation/imageTransforms';
import type { RgbImage } from '../../workers/engine/augmentation/imageTransforms';
import { appendPreprocessing, targetMeanBrightness } from '../../workers/engine/features/featureGraph';
import { GraphBuilder } from '../../workers/engine/onnx';
import { scoreBorderCells } from '../../workers/engine/features';
import { ort } from '../../workers/ort';

/** The backbone's input side in these tests; the picture has it too, so the resize moves no pixel. */
const side = 40;
const border = scoreBorderCells(side);
/** Float rounding of a mean over 3 × 32 × 32 values. */
const floatTolerance = 1e-5;

async function preprocess(image: RgbImage): Promise<Float32Array> {
  const graph = new GraphBuilder('preprocessing');
  const input = graph.input('image', 'uint8', [1, image.height, image.width, 3]);
  graph.output(appendPreprocessing(graph, input, side), 'float32', [1, 3, side, side]);
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
    // Contrast kept: the red difference between a corner and the bright square is the input's, in full-scale units.
    const red = (x: number, y: number) => ({ planar: original[y * side + x]!, packed: picture.rgb[3 * (y * side + x)]! });
    const [corner, square] = [red(0, 0), red(20, 16)];
    expect(corner.planar - square.planar).toBeCloseTo((corner.packed - square.packed) / 255, 5);
  });

  it('leaves the centre as it was when a dark strip fills the border', async () => {
    const picture = mutedPicture();
    const striped = paintEdgeStrip(picture, { side: 'bottom', share: border / side, color: [20, 18, 16] });
    expect(striped.rgb).not.toEqual(picture.rgb);
    const [original, withStrip] = await Promise.all([preprocess(picture), preprocess(striped)]);
    expect(largestDifference(centreOf(withStrip), centreOf(original))).toBeLessThan(floatTolerance);
  });
});
