// An imported mask (spec §2.3, §2.4, §8): the PNG's colours, read with its own line's colour map,
// become label indices of the project registry; every problem of the mask is reported.
import { decodePng } from '../png';
import { rgbValueOfHex } from '../labelColors';
import type { ColorMapEntry } from '../manifest/types';
import { errorIssue, hasErrors, warningIssue, type ValidationIssue } from '../rules/issues';
import { sniffImageFormat } from '../rules/imageFile';
import { checkMaskLabelCount } from '../rules/quotas';
import type { ImageSize } from '../types';
import type { LabelRegistry } from './labelRegistry';

/** Below this alpha a pixel is background whatever its RGB (soft, transparent edges, spec §2.4). */
export const minOpaqueAlpha = 128;
/** Unknown colours reported one by one; the rest are summed up in one message. */
export const maxReportedUnknownColors = 10;

const whiteRgb = 0xffffff;
const backgroundSlot = 0;

export interface ColorCount {
  /** `#rrggbb`, lower case. */
  hexColor: string;
  pixels: number;
  inMap: boolean;
}

export interface MaskImportInput {
  maskBytes: Uint8Array;
  /** The mask's name in messages, e.g. its ref. */
  mask: string;
  /** The manifest line the mask belongs to. */
  line: number;
  colorMap: readonly ColorMapEntry[];
  /** The image's size; null when not known yet. */
  imageSize: ImageSize | null;
  /** Receives the labels new names create. */
  registry: LabelRegistry;
}

export interface ImportedMask {
  width: number;
  height: number;
  /** One registry index per pixel, 0 = background. */
  labelIndices: Uint8Array;
  /** Registry names of the labels with pixels, in index order. */
  labels: string[];
}

export interface MaskImportResult {
  /** Null when the mask has errors. */
  mask: ImportedMask | null;
  issues: ValidationIssue[];
  /** Colours of the opaque pixels, most frequent first, for mapping unknown colours by hand. */
  histogram: ColorCount[];
}

function toHex(rgb: number): string {
  return `#${rgb.toString(16).padStart(6, '0')}`;
}

interface PixelScan {
  /** Per pixel: 0 background, else 1 + colour-map position. */
  slots: Uint16Array;
  pixelsPerSlot: number[];
  pixelsByColor: Map<number, number>;
}

function scanPixels(rgba: Uint8ClampedArray, colorMap: readonly ColorMapEntry[]): PixelScan {
  const slotByRgb = new Map<number, number>([[whiteRgb, backgroundSlot]]);
  colorMap.forEach((entry, i) => {
    const rgb = rgbValueOfHex(entry.hexColor);
    if (!slotByRgb.has(rgb) || entry.isBackground) slotByRgb.set(rgb, entry.isBackground ? backgroundSlot : i + 1);
  });
  const pixelCount = rgba.length / 4;
  const slots = new Uint16Array(pixelCount);
  const pixelsPerSlot = new Array<number>(colorMap.length + 1).fill(0);
  const pixelsByColor = new Map<number, number>();
  for (let p = 0; p < pixelCount; p++) {
    if (rgba[p * 4 + 3]! < minOpaqueAlpha) {
      pixelsPerSlot[backgroundSlot]!++;
      continue;
    }
    const rgb = (rgba[p * 4]! << 16) | (rgba[p * 4 + 1]! << 8) | rgba[p * 4 + 2]!;
    pixelsByColor.set(rgb, (pixelsByColor.get(rgb) ?? 0) + 1);
    const slot = slotByRgb.get(rgb);
    if (slot === undefined) continue;
    slots[p] = slot;
    pixelsPerSlot[slot]!++;
  }
  return { slots, pixelsPerSlot, pixelsByColor };
}

/** The map's colours plus white, which is background even when the map leaves it out. */
function knownColorsOf(colorMap: readonly ColorMapEntry[]): string[] {
  return [...new Set([...colorMap.map((entry) => entry.hexColor), toHex(whiteRgb)])];
}

function histogramOf(pixelsByColor: Map<number, number>, colorMap: readonly ColorMapEntry[]): ColorCount[] {
  const known = new Set(knownColorsOf(colorMap));
  return [...pixelsByColor]
    .map(([rgb, pixels]) => ({ hexColor: toHex(rgb), pixels, inMap: known.has(toHex(rgb)) }))
    .sort((a, b) => b.pixels - a.pixels || a.hexColor.localeCompare(b.hexColor));
}

function formatProblems(maskBytes: Uint8Array, mask: string): ValidationIssue | null {
  const format = sniffImageFormat(maskBytes.subarray(0, 8));
  if (format === 'png') return null;
  return errorIssue('import:mask.notPng', { mask, context: format === 'jpeg' ? 'jpeg' : 'other' });
}

export function importMask({ maskBytes, mask, line, colorMap, imageSize, registry }: MaskImportInput): MaskImportResult {
  const formatIssue = formatProblems(maskBytes, mask);
  if (formatIssue) return { mask: null, issues: [formatIssue], histogram: [] };
  let decoded: ReturnType<typeof decodePng>;
  try {
    decoded = decodePng(maskBytes);
  } catch {
    return { mask: null, issues: [errorIssue('import:mask.corrupt', { mask })], histogram: [] };
  }
  const { width, height, rgba } = decoded;
  if (imageSize && (width !== imageSize.width || height !== imageSize.height)) {
    const issue = errorIssue('import:mask.sizeMismatch', { mask, width, height, imageWidth: imageSize.width, imageHeight: imageSize.height });
    return { mask: null, issues: [issue], histogram: [] };
  }

  const { slots, pixelsPerSlot, pixelsByColor } = scanPixels(rgba, colorMap);
  const histogram = histogramOf(pixelsByColor, colorMap);
  const issues: ValidationIssue[] = [];
  const unknown = histogram.filter((color) => !color.inMap);
  const knownColors = knownColorsOf(colorMap);
  for (const color of unknown.slice(0, maxReportedUnknownColors)) {
    issues.push(errorIssue('import:mask.unknownColor', { line, mask, color: color.hexColor, count: color.pixels, known: knownColors.join(', ') }));
  }
  if (unknown.length > maxReportedUnknownColors) {
    issues.push(errorIssue('import:mask.moreUnknownColors', { line, mask, count: unknown.length - maxReportedUnknownColors }));
  }

  const usedEntries = colorMap.map((entry, i) => ({ entry, slot: i + 1 })).filter(({ entry, slot }) => !entry.isBackground && pixelsPerSlot[slot]! > 0);
  for (const [i, entry] of colorMap.entries()) {
    if (!entry.isBackground && pixelsPerSlot[i + 1] === 0) {
      issues.push(warningIssue('import:mask.unusedColor', { line, mask, label: entry.className, color: entry.hexColor }));
    }
  }
  const usedNames = new Set(usedEntries.map(({ entry }) => entry.className.trim().toLowerCase()));
  const labelCountIssue = checkMaskLabelCount(usedNames.size, { mask, line });
  if (labelCountIssue) issues.push(labelCountIssue);
  if (usedEntries.length === 0 && unknown.length === 0) issues.push(errorIssue('import:mask.noAnomalyPixels', { line, mask }));
  if (hasErrors(issues)) return { mask: null, issues, histogram };

  // Registry labels are created only for a mask without errors, so a failing line adds none.
  const indexBySlot = new Uint8Array(colorMap.length + 1);
  const labels = new Map<number, string>();
  for (const { entry, slot } of usedEntries) {
    const lookup = registry.labelFor(entry.className, entry.hexColor, { mask, line });
    if (!lookup.ok) return { mask: null, issues: [...issues, lookup.issue], histogram };
    indexBySlot[slot] = lookup.label.index;
    labels.set(lookup.label.index, lookup.label.name);
  }
  const labelIndices = new Uint8Array(slots.length);
  for (let p = 0; p < slots.length; p++) labelIndices[p] = indexBySlot[slots[p]!]!;
  const labelNames = [...labels].sort(([a], [b]) => a - b).map(([, name]) => name);
  return { mask: { width, height, labelIndices, labels: labelNames }, issues, histogram };
}
