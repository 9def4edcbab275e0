// The detection/training ImageDecoder under Node (the command-line detector, the tests), where createImageBitmap
// does not exist: the same pure PNG decoder the app uses for masks, and jpeg-js; the runtime then resizes in JS.
import jpeg from 'jpeg-js';
import { decodePng } from '../../src/domain/png';
import { sniffImageFormat } from '../../src/domain/rules/imageFile';
import type { ImageDecoder } from './detectionInput';

export const nodeImageDecoder: ImageDecoder = {
  async decodeFile(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    try {
      if (sniffImageFormat(bytes.subarray(0, 8)) === 'jpeg') {
        const { data, width, height } = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
        return { original: { width, height }, frame: { width, height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) } };
      }
      const { rgba, width, height } = decodePng(bytes);
      return { original: { width, height }, frame: { width, height, data: rgba } };
    } catch {
      return undefined;
    }
  },
};
