// Detection inputs → packed RGB888 (R, G, B; alpha dropped, spec §4.2) at the model's input size.
// Files are checked by content (PNG/JPEG), every input by its pixel size (64–4096 px, and the model's own
// size: another is refused, never resized silently). Bad input is INVALID_ARGUMENT.
import { sniffImageFormat } from '../../src/domain/rules/imageFile';
import { maxImageSidePx, minImageSidePx } from '../../src/domain/rules/limits';
import type { ImageSize } from '../../src/domain/types';
import { DetectionRuntimeError } from './runtimeErrors';
import type { DetectionInput, RgbaFrame } from '../../src/contracts/detectionWorkerApi';

const formatSniffBytes = 8;

/**
 * Decodes what only the platform can: in the worker, createImageBitmap and an OffscreenCanvas (which
 * also resize); under Node, pure decoders. Returns undefined when the bytes do not decode.
 */
export interface ImageDecoder {
  decodeFile(file: Blob, size: ImageSize): Promise<DecodedImage | undefined>;
  /** Absent where ImageBitmap does not exist (Node). */
  readBitmap?(bitmap: ImageBitmap, size: ImageSize): DecodedImage;
}

export interface DecodedImage {
  /** The picture's own size, checked against the 64–4096 px bounds. */
  original: ImageSize;
  /** RGBA, at `size` when the decoder resized, at `original` otherwise. */
  frame: RgbaFrame;
}

function isRgbaFrame(input: DetectionInput): input is RgbaFrame {
  return typeof input === 'object' && input !== null && 'data' in input && (input as RgbaFrame).data instanceof Uint8ClampedArray;
}

function isBlob(input: DetectionInput): input is Blob {
  return typeof Blob !== 'undefined' && input instanceof Blob;
}

function invalid(details: string): DetectionRuntimeError {
  return new DetectionRuntimeError('INVALID_ARGUMENT', details);
}

function checkBounds({ width, height }: ImageSize): void {
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width < minImageSidePx ||
    height < minImageSidePx ||
    width > maxImageSidePx ||
    height > maxImageSidePx
  ) {
    throw invalid(`The image is ${width}x${height} px; images must be ${minImageSidePx} to ${maxImageSidePx} px on each side.`);
  }
}

/**
 * Spec §4.2/§4.3: the input must be the model's (the project's) size, else INVALID_ARGUMENT naming both;
 * the runtime never resizes silently (the camera scales its frames first, trial jobs fit on request).
 */
export async function toModelRgb(input: DetectionInput, size: ImageSize, decoder: ImageDecoder): Promise<Uint8Array> {
  const decoded = await decode(input, size, decoder);
  const { original, frame } = decoded;
  checkBounds(original);
  if (original.width !== size.width || original.height !== size.height) {
    throw invalid(
      `The image is ${original.width}x${original.height} px but the model takes ${size.width}x${size.height} px images (the project size); resize or crop it to that size first.`,
    );
  }
  return rgbaToRgb(frame.data);
}

async function decode(input: DetectionInput, size: ImageSize, decoder: ImageDecoder): Promise<DecodedImage> {
  if (isRgbaFrame(input)) {
    const { width, height, data } = input;
    if (data.length === 0) throw invalid('The frame is empty (0 bytes).');
    checkBounds({ width, height });
    if (data.length !== width * height * 4) throw invalid(`An RGBA frame of ${width}x${height} px has ${width * height * 4} bytes, this one ${data.length}.`);
    return { original: { width, height }, frame: input };
  }
  if (isBlob(input)) {
    if (input.size === 0) throw invalid('The image file is empty (0 bytes).');
    const format = sniffImageFormat(new Uint8Array(await input.slice(0, formatSniffBytes).arrayBuffer()));
    if (format === 'other') throw invalid('The image is neither PNG nor JPEG (checked by content).');
    const decoded = await decoder.decodeFile(input, size);
    if (!decoded) throw invalid(`The ${format.toUpperCase()} image could not be decoded: the file is damaged or incomplete.`);
    return decoded;
  }
  if (decoder.readBitmap && typeof ImageBitmap !== 'undefined' && input instanceof ImageBitmap) {
    if (input.width === 0 || input.height === 0) throw invalid('The bitmap is empty (closed or 0 px).');
    return decoder.readBitmap(input, size);
  }
  throw invalid('The input must be a PNG or JPEG Blob, an ImageBitmap or an RGBA frame { width, height, data }.');
}

export function rgbaToRgb(rgba: Uint8ClampedArray | Uint8Array): Uint8Array {
  const pixels = rgba.length / 4;
  const rgb = new Uint8Array(pixels * 3);
  for (let pixel = 0, source = 0, target = 0; pixel < pixels; pixel += 1, source += 4, target += 3) {
    rgb[target] = rgba[source]!;
    rgb[target + 1] = rgba[source + 1]!;
    rgb[target + 2] = rgba[source + 2]!;
  }
  return rgb;
}

/** Pixel-centre aligned bilinear resampling, as a canvas draws an image scaled (without mipmaps). */
export function resizeRgbaBilinear(frame: RgbaFrame, size: ImageSize): RgbaFrame {
  const { width: sourceWidth, height: sourceHeight, data: source } = frame;
  const { width, height } = size;
  const data = new Uint8ClampedArray(width * height * 4);
  const scaleX = sourceWidth / width;
  const scaleY = sourceHeight / height;
  for (let y = 0; y < height; y += 1) {
    const sourceY = Math.min(sourceHeight - 1, Math.max(0, (y + 0.5) * scaleY - 0.5));
    const y0 = Math.floor(sourceY);
    const y1 = Math.min(sourceHeight - 1, y0 + 1);
    const wy = sourceY - y0;
    for (let x = 0; x < width; x += 1) {
      const sourceX = Math.min(sourceWidth - 1, Math.max(0, (x + 0.5) * scaleX - 0.5));
      const x0 = Math.floor(sourceX);
      const x1 = Math.min(sourceWidth - 1, x0 + 1);
      const wx = sourceX - x0;
      const a = (y0 * sourceWidth + x0) * 4;
      const b = (y0 * sourceWidth + x1) * 4;
      const c = (y1 * sourceWidth + x0) * 4;
      const d = (y1 * sourceWidth + x1) * 4;
      const target = (y * width + x) * 4;
      for (let channel = 0; channel < 4; channel += 1) {
        const top = source[a + channel]! + (source[b + channel]! - source[a + channel]!) * wx;
        const bottom = source[c + channel]! + (source[d + channel]! - source[c + channel]!) * wx;
        data[target + channel] = top + (bottom - top) * wy;
      }
    }
  }
  return { width, height, data };
}
