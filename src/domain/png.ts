// PNG encoding and decoding in pure TypeScript (fast-png), identical in workers, pages and Node:
// RGBA images, and label masks stored as 8-bit greyscale whose pixel value is the label index.
import { decode, encode } from 'fast-png';
import type { DecodedPng } from 'fast-png';
import type { LabelMask } from '../contracts/prediction';

function checkSize(length: number, width: number, height: number, channels: number, what: string): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`${what}: invalid size ${width}x${height}`);
  }
  if (length !== width * height * channels) {
    throw new RangeError(`${what}: expected ${width * height * channels} values for ${width}x${height}, got ${length}`);
  }
}

/** RGB when every pixel is opaque (smaller files), RGBA otherwise. */
export function encodeRgbaPng(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Uint8Array {
  checkSize(rgba.length, width, height, 4, 'encodeRgbaPng');
  const pixelCount = width * height;
  let opaque = true;
  for (let i = 3; i < rgba.length; i += 4) {
    if (rgba[i] !== 255) {
      opaque = false;
      break;
    }
  }
  if (!opaque) return encode({ width, height, data: rgba, channels: 4, depth: 8 });
  const rgb = new Uint8Array(pixelCount * 3);
  for (let p = 0; p < pixelCount; p++) {
    rgb[p * 3] = rgba[p * 4]!;
    rgb[p * 3 + 1] = rgba[p * 4 + 1]!;
    rgb[p * 3 + 2] = rgba[p * 4 + 2]!;
  }
  return encode({ width, height, data: rgb, channels: 3, depth: 8 });
}

export function encodeLabelMaskPng(mask: Uint8Array, width: number, height: number): Uint8Array {
  checkSize(mask.length, width, height, 1, 'encodeLabelMaskPng');
  return encode({ width, height, data: mask, channels: 1, depth: 8 });
}

/**
 * Indexed-colour PNG: one palette entry ([r, g, b]) per index value, at the smallest bit depth (1, 2, 4 or 8)
 * that holds the palette. A two-colour mask packs 8 pixels per byte, which makes encoding ~10x faster than RGB.
 */
export function encodeIndexedPng(indices: Uint8Array, width: number, height: number, palette: readonly (readonly number[])[]): Uint8Array {
  checkSize(indices.length, width, height, 1, 'encodeIndexedPng');
  if (palette.length < 1 || palette.length > 256) throw new RangeError(`encodeIndexedPng: ${palette.length} palette entries (1–256 allowed)`);
  const depth = ([1, 2, 4, 8] as const).find((bits) => palette.length <= 1 << bits)!;
  const data = depth === 8 ? indices : packSamples(indices, width, height, depth);
  return encode({ width, height, data, channels: 1, depth, palette: palette.map((colour) => [...colour]) });
}

/** Packs one value per sample into rows of `depth`-bit samples, most significant bits first, rows byte-aligned. */
function packSamples(values: Uint8Array, width: number, height: number, depth: 1 | 2 | 4): Uint8Array {
  const samplesPerByte = 8 / depth;
  const bytesPerRow = Math.ceil(width / samplesPerByte);
  const packed = new Uint8Array(bytesPerRow * height);
  for (let row = 0; row < height; row++) {
    const rowStart = row * width;
    let target = row * bytesPerRow;
    for (let x = 0; x < width; x += samplesPerByte) {
      let byte = 0;
      for (let k = 0; k < samplesPerByte; k++) byte = (byte << depth) | (x + k < width ? values[rowStart + x + k]! : 0);
      packed[target++] = byte;
    }
  }
  return packed;
}

/** A stored label-index mask PNG as the `LabelMask` the painter and the prediction type use. */
export function decodeLabelMask(png: Uint8Array): LabelMask {
  const { width, height, mask } = decodeLabelMaskPng(png);
  return { width, height, indices: mask };
}

/** Accepts only what encodeLabelMaskPng writes (8-bit greyscale): anything else is not a label mask. */
export function decodeLabelMaskPng(png: Uint8Array): { width: number; height: number; mask: Uint8Array } {
  const image = decode(png);
  if (image.channels !== 1 || image.depth !== 8 || image.palette) {
    throw new Error(`Not a label mask PNG: expected 8-bit greyscale, got ${image.channels} channel(s) at ${image.depth} bits`);
  }
  return { width: image.width, height: image.height, mask: new Uint8Array(image.data) };
}

/** Unpacks a row-padded 1/2/4-bit sample stream into one value per sample. */
function unpackSamples(image: DecodedPng, samplesPerRow: number): Uint8Array {
  const { data, depth, height } = image;
  const samples = new Uint8Array(samplesPerRow * height);
  const bytesPerRow = Math.ceil((samplesPerRow * depth) / 8);
  const valueMask = (1 << depth) - 1;
  for (let row = 0; row < height; row++) {
    for (let s = 0; s < samplesPerRow; s++) {
      const bit = s * depth;
      const byte = data[row * bytesPerRow + (bit >> 3)]!;
      samples[row * samplesPerRow + s] = (byte >> (8 - depth - (bit & 7))) & valueMask;
    }
  }
  return samples;
}

/** Any PNG (greyscale, RGB, palette; 1–16 bits; with or without alpha) as 8-bit RGBA. */
export function decodePng(png: Uint8Array): { width: number; height: number; rgba: Uint8ClampedArray } {
  const image = decode(png);
  const { width, height, channels, depth } = image;
  const pixelCount = width * height;
  const rgba = new Uint8ClampedArray(pixelCount * 4);

  if (image.palette) {
    const indices = depth === 8 ? image.data : unpackSamples(image, width);
    for (let p = 0; p < pixelCount; p++) {
      const entry = image.palette[indices[p]!];
      if (!entry) throw new Error(`PNG palette index ${indices[p]} out of range`);
      rgba[p * 4] = entry[0]!;
      rgba[p * 4 + 1] = entry[1]!;
      rgba[p * 4 + 2] = entry[2]!;
      rgba[p * 4 + 3] = entry[3] ?? 255;
    }
    return { width, height, rgba };
  }

  const samples = depth < 8 ? unpackSamples(image, width * channels) : image.data;
  const toByte = depth === 16 ? 1 / 257 : depth < 8 ? 255 / ((1 << depth) - 1) : 1;
  // tRNS on greyscale or RGB names one colour (in raw sample values) that is fully transparent.
  const key = image.transparency;
  for (let p = 0; p < pixelCount; p++) {
    const s = p * channels;
    const hasColor = channels >= 3;
    const r = samples[s]!;
    const g = hasColor ? samples[s + 1]! : r;
    const b = hasColor ? samples[s + 2]! : r;
    const hasAlpha = channels === 2 || channels === 4;
    let alpha = hasAlpha ? Math.round(samples[s + channels - 1]! * toByte) : 255;
    if (key && (hasColor ? key[0] === r && key[1] === g && key[2] === b : key[0] === r)) alpha = 0;
    rgba[p * 4] = Math.round(r * toByte);
    rgba[p * 4 + 1] = Math.round(g * toByte);
    rgba[p * 4 + 2] = Math.round(b * toByte);
    rgba[p * 4 + 3] = alpha;
  }
  return { width, height, rgba };
}
