// The segmentation part of spec §4.1 `DetectAnomalyResult` from a label-index mask: `Anomalies` (background
// first, then each label with pixels, areas as 0–1 fractions summing to 1) and `AnomalyMask` (base64 PNG).
import { encodeIndexedPng } from '../../../src/domain/png';
import type { SegmentationLabel } from '../../../src/contracts/modelMetadata';

export interface PixelAnomaly {
  Name: string;
  PixelAnomaly: { TotalPercentageArea: number; Color: string };
}

export interface SegmentationFields {
  Anomalies: PixelAnomaly[];
  AnomalyMask: string;
}

const backgroundName = 'background';
const backgroundColor = '#FFFFFF';
const whiteRgb = [255, 255, 255] as const;
/** btoa takes a binary string; building it in chunks keeps String.fromCharCode's argument list bounded. */
const base64ChunkBytes = 0x8000;

/** `mask`: label index per pixel (0 = background), `width` × `height`, as the packaged model outputs it. */
export function segmentationFields(mask: Uint8Array, width: number, height: number, labels: readonly SegmentationLabel[]): SegmentationFields {
  const pixelsPerValue = new Uint32Array(256);
  for (let pixel = 0; pixel < mask.length; pixel += 1) pixelsPerValue[mask[pixel]!]! += 1;
  const labelled = labels.filter((label) => pixelsPerValue[label.index]! > 0);
  const fractionOf = (pixels: number) => pixels / mask.length;
  const labelledPixels = labelled.reduce((sum, label) => sum + pixelsPerValue[label.index]!, 0);
  // Mask values of no known label cannot occur in a packaged model's output; counting them as background keeps the sum at 1.
  const anomalies: PixelAnomaly[] = [
    { Name: backgroundName, PixelAnomaly: { TotalPercentageArea: fractionOf(mask.length - labelledPixels), Color: backgroundColor } },
    ...labelled.map((label) => ({ Name: label.name, PixelAnomaly: { TotalPercentageArea: fractionOf(pixelsPerValue[label.index]!), Color: label.color.toUpperCase() } })),
  ];
  return { Anomalies: anomalies, AnomalyMask: base64Of(encodeIndexedPng(mask, width, height, paletteOf(pixelsPerValue, labelled))) };
}

/** The mask values are the palette indices: white up to the highest value present, labels in their colours. */
function paletteOf(pixelsPerValue: Uint32Array, labels: readonly SegmentationLabel[]): number[][] {
  const highestValue = pixelsPerValue.findLastIndex((pixels) => pixels > 0);
  const palette = Array.from({ length: Math.max(highestValue, 0) + 1 }, (): number[] => [...whiteRgb]);
  for (const label of labels) palette[label.index] = rgbOf(label.color);
  return palette;
}

function rgbOf(hexColor: string): [number, number, number] {
  const value = Number.parseInt(hexColor.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += base64ChunkBytes) {
    binary += String.fromCharCode(...bytes.subarray(start, start + base64ChunkBytes));
  }
  return btoa(binary);
}
