// The segmentation part of spec §4.1 `DetectAnomalyResult` from a label-index mask: `Anomalies` (background
// first, then each label with pixels, areas as 0–1 fractions summing to 1) and `AnomalyMask` (base64 PNG).
import { bytesToBase64 } from '../../../src/domain/base64';
import { rgbOfHex } from '../../../src/domain/labelColors';
import { pixelsPerIndex } from '../../../src/domain/masks/labelAreas';
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

/** `mask`: label index per pixel (0 = background), `width` × `height`, as the packaged model outputs it. */
export function segmentationFields(mask: Uint8Array, width: number, height: number, labels: readonly SegmentationLabel[]): SegmentationFields {
  const pixelsPerValue = pixelsPerIndex(mask);
  const labelled = labels.filter((label) => pixelsPerValue[label.index]! > 0);
  const fractionOf = (pixels: number) => pixels / mask.length;
  const labelledPixels = labelled.reduce((sum, label) => sum + pixelsPerValue[label.index]!, 0);
  // Mask values of no known label cannot occur in a packaged model's output; counting them as background keeps the sum at 1.
  const anomalies: PixelAnomaly[] = [
    { Name: backgroundName, PixelAnomaly: { TotalPercentageArea: fractionOf(mask.length - labelledPixels), Color: backgroundColor } },
    ...labelled.map((label) => ({
      Name: label.name,
      PixelAnomaly: { TotalPercentageArea: fractionOf(pixelsPerValue[label.index]!), Color: label.color.toUpperCase() },
    })),
  ];
  return { Anomalies: anomalies, AnomalyMask: bytesToBase64(encodeIndexedPng(mask, width, height, paletteOf(pixelsPerValue, labelled))) };
}

/** The mask values are the palette indices: white up to the highest value present, labels in their colours. */
function paletteOf(pixelsPerValue: Uint32Array, labels: readonly SegmentationLabel[]): number[][] {
  const highestValue = pixelsPerValue.findLastIndex((pixels) => pixels > 0);
  const palette = Array.from({ length: Math.max(highestValue, 0) + 1 }, (): number[] => [...whiteRgb]);
  for (const label of labels) palette[label.index] = rgbOfHex(label.color);
  return palette;
}
