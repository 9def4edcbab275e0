// Image decoding for the detection runtime in a worker: createImageBitmap for PNG/JPEG files and an
// OffscreenCanvas that scales to the model input while reading the pixels back as RGBA.
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

function readBitmap(bitmap: ImageBitmap, size: ImageSize): DecodedImage {
  const canvas = new OffscreenCanvas(size.width, size.height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  const { data } = context.getImageData(0, 0, size.width, size.height);
  return { original: { width: bitmap.width, height: bitmap.height }, frame: { width: size.width, height: size.height, data } };
}
