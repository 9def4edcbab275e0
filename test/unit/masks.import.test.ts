// Imported masks → project label indices (spec §2.3, §2.4, §8), the label registry and colours.
import { describe, expect, it } from 'vitest';
import type { ColorMapEntry } from '../../src/domain/manifest/types';
import { importMask, maxReportedUnknownColors, type MaskImportInput } from '../../src/domain/masks/importMask';
import { pickDistinctColor } from '../../src/domain/labelColors';
import { LabelRegistry } from '../../src/domain/masks/labelRegistry';
import { encodeRgbaPng } from '../../src/domain/png';

type Pixel = readonly [number, number, number, number];
const transparentBlack: Pixel = [0, 0, 0, 0];
const white: Pixel = [255, 255, 255, 255];
const scratch: Pixel = [0x2c, 0xa0, 0x2c, 255];
const dent: Pixel = [0x1f, 0x77, 0xb4, 255];

function png(pixels: readonly Pixel[], width = pixels.length, height = 1): Uint8Array {
  return encodeRgbaPng(Uint8Array.from(pixels.flat()), width, height);
}

const colorMap: ColorMapEntry[] = [
  { className: 'BACKGROUND', hexColor: '#ffffff', isBackground: true },
  { className: 'scratch', hexColor: '#2ca02c', isBackground: false },
  { className: 'dent', hexColor: '#1f77b4', isBackground: false },
];

function input(maskBytes: Uint8Array, overrides: Partial<MaskImportInput> = {}): MaskImportInput {
  return { maskBytes, mask: 'masks/a.png', line: 3, colorMap, imageSize: null, registry: new LabelRegistry([]), ...overrides };
}

describe('importMask', () => {
  it('maps colours to registry labels, matching names ignoring case and creating new ones', () => {
    // Indices 1–3 are free (their labels were deleted), so the new label takes the lowest, 1.
    const registry = new LabelRegistry([{ name: 'Dent', color: '#1F77B4', index: 4 }]);
    const result = importMask(input(png([white, scratch, dent, transparentBlack, [0x2c, 0xa0, 0x2c, 60]]), { registry, imageSize: { width: 5, height: 1 } }));
    expect(result.issues).toEqual([]);
    expect(result.mask).toEqual({ width: 5, height: 1, labelIndices: Uint8Array.of(0, 1, 4, 0, 0), labels: ['scratch', 'Dent'] });
    expect(registry.added).toEqual([{ name: 'scratch', color: '#2ca02c', index: 1 }]);
    expect(result.histogram).toEqual([
      { hexColor: '#1f77b4', pixels: 1, inMap: true },
      { hexColor: '#2ca02c', pixels: 1, inMap: true },
      { hexColor: '#ffffff', pixels: 1, inMap: true },
    ]);
  });

  it('reads the cookie-style map: no BACKGROUND entry, upper-case hex, transparent background', () => {
    const cookieMap: ColorMapEntry[] = [{ className: 'cracked', hexColor: '#23a436', isBackground: false }];
    const result = importMask(input(png([transparentBlack, [0x23, 0xa4, 0x36, 255], [0x23, 0xa4, 0x36, 130]]), { colorMap: cookieMap }));
    expect(result.mask?.labelIndices).toEqual(Uint8Array.of(0, 1, 1));
    expect(result.mask?.labels).toEqual(['cracked']);
  });

  it('gives a new label a free colour when its colour is taken', () => {
    const registry = new LabelRegistry([{ name: 'scratch', color: '#1f77b4', index: 1 }]);
    importMask(input(png([dent]), { registry }));
    expect(registry.added).toEqual([{ name: 'dent', color: pickDistinctColor(['#1f77b4']), index: 2 }]);
  });

  it('warns about a map colour without pixels', () => {
    const result = importMask(input(png([scratch])));
    expect(result.mask).not.toBeNull();
    expect(result.issues).toEqual([
      { code: 'import:mask.unusedColor', severity: 'warning', params: { line: 3, mask: 'masks/a.png', label: 'dent', color: '#1f77b4' } },
    ]);
  });

  it('reports each colour not in the map with its pixel count, and adds no label', () => {
    const registry = new LabelRegistry([]);
    const result = importMask(input(png([scratch, dent, [1, 2, 3, 255], [1, 2, 3, 200]]), { registry }));
    expect(result.mask).toBeNull();
    expect(result.issues).toEqual([
      {
        code: 'import:mask.unknownColor',
        severity: 'error',
        params: { line: 3, mask: 'masks/a.png', color: '#010203', count: 2, known: '#ffffff, #2ca02c, #1f77b4' },
      },
    ]);
    expect(result.histogram[0]).toEqual({ hexColor: '#010203', pixels: 2, inMap: false });
    expect(registry.added).toEqual([]);
  });

  it('sums up unknown colours beyond the first few', () => {
    const pixels = Array.from({ length: maxReportedUnknownColors + 3 }, (_, i): Pixel => [i, 0, 0, 255]);
    const { issues } = importMask(input(png([scratch, ...pixels])));
    expect(issues.filter((issue) => issue.code === 'import:mask.unknownColor')).toHaveLength(maxReportedUnknownColors);
    expect(issues.find((issue) => issue.code === 'import:mask.moreUnknownColors')?.params.count).toBe(3);
  });

  it('refuses more than 20 labels in one mask', () => {
    const manyColors = Array.from({ length: 21 }, (_, i): Pixel => [i, 10, 10, 255]);
    const manyMap = manyColors.map(([r]): ColorMapEntry => ({
      className: `label${r}`,
      hexColor: `#${r.toString(16).padStart(2, '0')}0a0a`,
      isBackground: false,
    }));
    const result = importMask(input(png(manyColors), { colorMap: manyMap }));
    expect(result.issues.map((issue) => issue.code)).toEqual(['import:quota.maskLabels']);
    expect(importMask(input(png(manyColors.slice(0, 20)), { colorMap: manyMap.slice(0, 20) })).mask?.labels).toHaveLength(20);
  });

  it('refuses a mask with no anomaly pixel', () => {
    const result = importMask(input(png([white, transparentBlack])));
    expect(result.issues.map((issue) => issue.code)).toEqual(['import:mask.unusedColor', 'import:mask.unusedColor', 'import:mask.noAnomalyPixels']);
  });

  it.each([
    ['a JPEG', Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5), 'import:mask.notPng', 'jpeg'],
    ['another format', new TextEncoder().encode('GIF89a-not-a-png'), 'import:mask.notPng', 'other'],
    ['a truncated PNG', png([scratch, dent]).subarray(0, 30), 'import:mask.corrupt', undefined],
  ])('refuses %s', (_name, bytes, code, context) => {
    const [issue] = importMask(input(bytes)).issues;
    expect(issue?.code).toBe(code);
    expect(issue?.params.context).toBe(context);
  });

  it('refuses a mask whose size differs from its image', () => {
    const result = importMask(input(png([scratch, dent]), { imageSize: { width: 1, height: 2 } }));
    expect(result.issues).toEqual([
      { code: 'import:mask.sizeMismatch', severity: 'error', params: { mask: 'masks/a.png', width: 2, height: 1, imageWidth: 1, imageHeight: 2 } },
    ]);
  });
});

describe('LabelRegistry', () => {
  const where = { mask: 'masks/a.png', line: 3 };

  it('gives every new label its own colour when all ask for the same one, never white', () => {
    const registry = new LabelRegistry([]);
    for (let i = 0; i < 100; i++) expect(registry.labelFor(`label${i}`, i % 2 ? '#2CA02C' : '#FFFFFF', where).ok).toBe(true);
    const colors = registry.added.map((label) => label.color);
    expect(new Set(colors).size).toBe(100);
    expect(colors).not.toContain('#ffffff');
    expect(colors[1]).toBe('#2ca02c');
  });

  it('refuses a 101st label', () => {
    const existing = Array.from({ length: 100 }, (_, i) => ({ name: `l${i}`, color: `#0000${i.toString(16).padStart(2, '0')}`, index: i + 1 }));
    const registry = new LabelRegistry(existing);
    expect(registry.labelFor('L5', '#123456', where)).toMatchObject({ ok: true, label: { name: 'l5', index: 6 } });
    expect(registry.labelFor('new', '#123456', where)).toMatchObject({ ok: false, issue: { code: 'import:quota.projectLabels' } });
  });
});
