// Image decoding for the detection runtime in a worker: createImageBitmap for PNG/JPEG files and an
// OffscreenCanvas (one, reused) that scales to the model input while reading the pixels back as RGBA.
import type { ImageSize } from '../../src/domain/types';
import type { DecodedImage, ImageDecoder } from './detectionInput';

export const browserImageDecoder: ImageDecoder = {
  async decodeFile(file, size) {
    let bitmap: ImageBitmap;
    try {
      // The file's own pixel values, as the Node decoders give them: no colour-profile conversion, no premultiplying.
      bitmap = await createImageBitmap(file, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
    } catch {
      return undefined;
    }
    try {
      return readBitmap(bitmap, size);
    } finally {
      bitmap.close();
    }
  },
  readBitmap,
};

/** One canvas reused for every picture of the same size (a camera sends the same size every frame). */
let scratch: { canvas: OffscreenCanvas; context: OffscreenCanvasRenderingContext2D } | null = null;

function contextOfSize({ width, height }: ImageSize): OffscreenCanvasRenderingContext2D {
  if (scratch?.canvas.width !== width || scratch.canvas.height !== height) {
    const canvas = new OffscreenCanvas(width, height);
    scratch = { canvas, context: canvas.getContext('2d', { willReadFrequently: true })! };
  }
  const { context } = scratch;
  context.clearRect(0, 0, width, height);
  context.imageSmoothingQuality = 'high';
  return context;
}

function readBitmap(bitmap: ImageBitmap, size: ImageSize): DecodedImage {
  const context = contextOfSize(size);
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  const { data } = context.getImageData(0, 0, size.width, size.height);
  return { original: { width: bitmap.width, height: bitmap.height }, frame: { width: size.width, height: size.height, data } };
}
