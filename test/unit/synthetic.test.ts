// The synthetic part generator: determinism, exact defect masks, normal variation, sizes, and the
// PNG helpers the app stores its images and masks with.
import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { decodeLabelMaskPng, decodePng, encodeLabelMaskPng, encodeRgbaPng } from '../../src/domain/png';
import { Random } from '../../src/domain/random';
import {
  SYNTHETIC_DEFECTS,
  defectAreaFractionRange,
  defectLabelIndex,
  generateSyntheticDataset,
  minVisibleChangeRgbSum,
  renderSyntheticSample,
} from '../../src/syntheticImages';
import type { DefectType, SyntheticSample } from '../../src/syntheticImages';

const width = 320;
const height = 240;
const defectTypes = SYNTHETIC_DEFECTS.map((defect) => defect.type);
const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function render(seed: number, defects: DefectType[], size = { width, height }): SyntheticSample {
  return renderSyntheticSample({ seed, ...size, defects });
}

/** Index of the first differing element, or -1: vitest's deep equality is slow on big typed arrays. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

function rgbChange(a: Uint8ClampedArray, b: Uint8ClampedArray, pixel: number): number {
  const i = pixel * 4;
  return Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!);
}

/** Checks the mask contract against the clean render of the same seed; returns pixels per label. */
function checkExactMask(seed: number, defects: DefectType[]): Map<number, number> {
  const clean = render(seed, []);
  const defective = render(seed, defects);
  const allowed = new Set(defects.map(defectLabelIndex));
  const counts = new Map<number, number>();
  let changedUnmasked = 0;
  let faintMasked = 0;
  let foreignLabels = 0;
  for (let pixel = 0; pixel < width * height; pixel++) {
    const label = defective.mask[pixel]!;
    const change = rgbChange(clean.rgba, defective.rgba, pixel);
    if (label === 0) {
      if (change !== 0) changedUnmasked++;
      continue;
    }
    if (!allowed.has(label)) foreignLabels++;
    if (change < minVisibleChangeRgbSum) faintMasked++;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  expect({ changedUnmasked, faintMasked, foreignLabels }).toEqual({ changedUnmasked: 0, faintMasked: 0, foreignLabels: 0 });
  for (let i = 3; i < defective.rgba.length; i += 4) {
    if (defective.rgba[i] !== 255) throw new Error(`alpha ${defective.rgba[i]} at byte ${i}`);
  }
  return counts;
}

describe('defect catalogue', () => {
  it('lists scratch, dent and missing-component with distinct lower-case colours', () => {
    expect(defectTypes).toEqual(['scratch', 'dent', 'missing-component']);
    expect(SYNTHETIC_DEFECTS.map((defect) => defect.name)).toEqual(defectTypes);
    const colors = SYNTHETIC_DEFECTS.map((defect) => defect.color);
    for (const color of colors) {
      expect(color).toMatch(/^#[0-9a-f]{6}$/);
      expect(color).not.toBe('#ffffff');
    }
    expect(new Set(colors).size).toBe(colors.length);
    expect(defectTypes.map(defectLabelIndex)).toEqual([1, 2, 3]);
  });
});

describe('Random', () => {
  it('replays a seed and stays in range', () => {
    const a = new Random(42);
    const b = new Random(42);
    const draws = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(draws);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const ints = Array.from({ length: 1000 }, () => a.int(2, 5));
    expect(new Set(ints)).toEqual(new Set([2, 3, 4, 5]));
    const normals = Array.from({ length: 4000 }, () => a.normal(10, 2));
    const mean = normals.reduce((sum, v) => sum + v, 0) / normals.length;
    expect(mean).toBeCloseTo(10, 0);
  });
});

describe('renderSyntheticSample', () => {
  it('is deterministic down to the encoded PNG bytes', () => {
    for (const defects of [[], ['scratch'], ['dent', 'missing-component']] as DefectType[][]) {
      const a = render(7, defects);
      const b = render(7, defects);
      expect(firstDifference(b.rgba, a.rgba)).toBe(-1);
      expect(firstDifference(b.mask, a.mask)).toBe(-1);
      expect(firstDifference(encodeRgbaPng(b.rgba, width, height), encodeRgbaPng(a.rgba, width, height))).toBe(-1);
      expect(firstDifference(encodeLabelMaskPng(b.mask, width, height), encodeLabelMaskPng(a.mask, width, height))).toBe(-1);
      expect(b.defects).toEqual(defects);
    }
  });

  it('draws a different image for a different seed', () => {
    const a = render(1, []);
    const b = render(2, []);
    let differing = 0;
    for (let pixel = 0; pixel < width * height; pixel++) if (rgbChange(a.rgba, b.rgba, pixel) > 0) differing++;
    expect(differing).toBeGreaterThan(0.5 * width * height);
  });

  it('leaves a normal sample unmasked', () => {
    for (const seed of [3, 4, 5]) expect(render(seed, []).mask.every((label) => label === 0)).toBe(true);
  });

  it.each(defectTypes)('masks exactly the pixels a %s changes, within its documented area', (type) => {
    const label = defectLabelIndex(type);
    const imageArea = width * height;
    const { min, max } = defectAreaFractionRange[type];
    for (const seed of [11, 12, 13, 14, 15, 16]) {
      const counts = checkExactMask(seed, [type]);
      expect([...counts.keys()]).toEqual([label]);
      const fraction = counts.get(label)! / imageArea;
      expect(fraction, `${type} seed ${seed}`).toBeGreaterThanOrEqual(min);
      expect(fraction, `${type} seed ${seed}`).toBeLessThanOrEqual(max);
    }
  });

  it('keeps masks exact when defects are combined', () => {
    for (const [seed, defects] of [
      [21, ['scratch', 'dent']],
      [22, ['dent', 'missing-component']],
      [23, ['scratch', 'dent', 'missing-component']],
    ] as [number, DefectType[]][]) {
      const counts = checkExactMask(seed, defects);
      expect(counts.size).toBe(defects.length);
    }
  });

  it('draws a missing component as a compact, roughly round footprint', () => {
    const sample = render(31, ['missing-component']);
    let count = 0;
    let minX = width;
    let maxX = 0;
    let minY = height;
    let maxY = 0;
    sample.mask.forEach((label, pixel) => {
      if (label === 0) return;
      count++;
      minX = Math.min(minX, pixel % width);
      maxX = Math.max(maxX, pixel % width);
      minY = Math.min(minY, Math.floor(pixel / width));
      maxY = Math.max(maxY, Math.floor(pixel / width));
    });
    const boxWidth = maxX - minX + 1;
    const boxHeight = maxY - minY + 1;
    expect(Math.abs(boxWidth - boxHeight)).toBeLessThanOrEqual(1);
    expect(count / (boxWidth * boxHeight)).toBeCloseTo(Math.PI / 4, 1);
  });

  it('moves the part between normal samples', () => {
    // The flange is the brightest thing in the picture: track the centroid of the top 15 %.
    const centroids = [41, 42, 43, 44, 45, 46, 47, 48].map((seed) => {
      const { rgba } = render(seed, []);
      const luma = new Float32Array(width * height);
      for (let pixel = 0; pixel < luma.length; pixel++) luma[pixel] = rgba[pixel * 4]! + rgba[pixel * 4 + 1]! + rgba[pixel * 4 + 2]!;
      const threshold = Float32Array.from(luma).sort()[Math.floor(0.85 * luma.length)]!;
      let sumX = 0;
      let sumY = 0;
      let n = 0;
      luma.forEach((value, pixel) => {
        if (value < threshold) return;
        sumX += pixel % width;
        sumY += Math.floor(pixel / width);
        n++;
      });
      return { x: sumX / n, y: sumY / n };
    });
    const spread = (values: number[]) => Math.max(...values) - Math.min(...values);
    // Position jitter is ±4 % of the shorter side, i.e. up to ±9.6 px here.
    expect(spread(centroids.map((c) => c.x))).toBeGreaterThan(4);
    expect(spread(centroids.map((c) => c.y))).toBeGreaterThan(4);
    for (const c of centroids) {
      expect(Math.abs(c.x - width / 2)).toBeLessThan(0.1 * height);
      expect(Math.abs(c.y - height / 2)).toBeLessThan(0.1 * height);
    }
  });

  it.each([
    [64, 64],
    [320, 240],
    [576, 768],
  ])('renders at %ix%i', (w, h) => {
    const sample = render(5, ['scratch', 'missing-component'], { width: w, height: h });
    expect(sample.width).toBe(w);
    expect(sample.height).toBe(h);
    expect(sample.rgba.length).toBe(w * h * 4);
    expect(sample.mask.length).toBe(w * h);
    const labels = new Set(sample.mask);
    expect(labels).toEqual(new Set([0, defectLabelIndex('scratch'), defectLabelIndex('missing-component')]));
  });

  it('rejects sizes, seeds and defect lists it cannot honour', () => {
    expect(() => render(1, [], { width: 63, height: 64 })).toThrow(RangeError);
    expect(() => render(1, [], { width: 4097, height: 64 })).toThrow(RangeError);
    expect(() => render(1, [], { width: 100.5, height: 64 })).toThrow(RangeError);
    expect(() => render(Number.NaN, [])).toThrow(RangeError);
    expect(() => render(1, ['scratch', 'scratch'])).toThrow(RangeError);
    expect(() => render(1, ['crack' as DefectType])).toThrow(RangeError);
  });
});

describe('generateSyntheticDataset', () => {
  const options = { seed: 99, width: 96, height: 72, normalCount: 3, perDefectCount: 2 };

  it('yields the requested counts, classifications and unique file names', () => {
    const items = [...generateSyntheticDataset(options)];
    expect(items.map((item) => item.fileName)).toEqual([
      'normal/normal-001.png',
      'normal/normal-002.png',
      'normal/normal-003.png',
      'anomaly/scratch-001.png',
      'anomaly/scratch-002.png',
      'anomaly/dent-001.png',
      'anomaly/dent-002.png',
      'anomaly/missing-component-001.png',
      'anomaly/missing-component-002.png',
    ]);
    expect(items.map((item) => item.classification)).toEqual([...Array(3).fill('normal'), ...Array(6).fill('anomaly')]);
    for (const item of items) {
      expect(item.sample.defects).toEqual(item.classification === 'normal' ? [] : [item.fileName.slice('anomaly/'.length, -'-001.png'.length)]);
      expect(item.sample.mask.some((label) => label !== 0)).toBe(item.classification === 'anomaly');
    }
    expect(new Set(items.map((item) => encodeRgbaPng(item.sample.rgba, 96, 72).join())).size).toBe(items.length);
  });

  it('replays the same sequence for the same options, and streams lazily', () => {
    const encodeAll = () =>
      [...generateSyntheticDataset(options)].map((item) => ({
        fileName: item.fileName,
        png: encodeRgbaPng(item.sample.rgba, 96, 72),
        mask: encodeLabelMaskPng(item.sample.mask, 96, 72),
      }));
    const first = encodeAll();
    const second = encodeAll();
    expect(second.map((item) => item.fileName)).toEqual(first.map((item) => item.fileName));
    second.forEach((item, n) => {
      expect(firstDifference(item.png, first[n]!.png)).toBe(-1);
      expect(firstDifference(item.mask, first[n]!.mask)).toBe(-1);
    });
    const head = generateSyntheticDataset(options).next();
    expect(head.done).toBe(false);
    expect(firstDifference(encodeRgbaPng(head.value!.sample.rgba, 96, 72), first[0]!.png)).toBe(-1);
  });

  it('honours defectTypes and widens numbering past 999', () => {
    const only = [...generateSyntheticDataset({ ...options, normalCount: 0, defectTypes: ['dent'] })];
    expect(only.map((item) => item.fileName)).toEqual(['anomaly/dent-001.png', 'anomaly/dent-002.png']);
    const many = generateSyntheticDataset({ ...options, normalCount: 1000, perDefectCount: 0 });
    expect(many.next().value!.fileName).toBe('normal/normal-0001.png');
  });
});

describe('PNG helpers', () => {
  const sample = renderSyntheticSample({ seed: 3, width: 96, height: 72, defects: ['dent'] });

  it('round-trips an opaque image as RGB', () => {
    const png = encodeRgbaPng(sample.rgba, 96, 72);
    expect([...png.subarray(0, 8)]).toEqual(pngSignature);
    // IHDR colour type (byte 25): 2 = truecolour without alpha.
    expect(png[25]).toBe(2);
    const decoded = decodePng(png);
    expect(decoded.width).toBe(96);
    expect(decoded.height).toBe(72);
    expect(firstDifference(decoded.rgba, sample.rgba)).toBe(-1);
  });

  it('round-trips an image with transparency as RGBA', () => {
    const rgba = sample.rgba.slice();
    rgba[3] = 0;
    rgba[7] = 128;
    const png = encodeRgbaPng(rgba, 96, 72);
    expect(png[25]).toBe(6);
    expect(firstDifference(decodePng(png).rgba, rgba)).toBe(-1);
  });

  it('round-trips a label mask as 8-bit greyscale holding the label index', () => {
    const png = encodeLabelMaskPng(sample.mask, 96, 72);
    expect([...png.subarray(0, 8)]).toEqual(pngSignature);
    expect([png[24], png[25]]).toEqual([8, 0]);
    const decoded = decodeLabelMaskPng(png);
    expect([decoded.width, decoded.height]).toEqual([96, 72]);
    expect(firstDifference(decoded.mask, sample.mask)).toBe(-1);
    expect(decoded.mask.some((label) => label === defectLabelIndex('dent'))).toBe(true);
    // As an ordinary image, the mask reads as grey levels equal to the label index.
    const asImage = decodePng(png).rgba;
    const pixel = sample.mask.indexOf(defectLabelIndex('dent'));
    expect([...asImage.subarray(pixel * 4, pixel * 4 + 4)]).toEqual([2, 2, 2, 255]);
  });

  it('refuses to read a colour PNG as a label mask', () => {
    expect(() => decodeLabelMaskPng(encodeRgbaPng(sample.rgba, 96, 72))).toThrow(/label mask/);
  });

  it('rejects buffers that do not match the stated size', () => {
    expect(() => encodeRgbaPng(sample.rgba, 96, 71)).toThrow(RangeError);
    expect(() => encodeLabelMaskPng(sample.mask, 95, 72)).toThrow(RangeError);
  });

  it('decodes 16-bit, packed greyscale and palette PNGs to 8-bit RGBA', () => {
    const sixteen = encode({ width: 2, height: 1, channels: 3, depth: 16, data: Uint16Array.from([65535, 0, 257, 0, 32896, 65535]) });
    expect([...decodePng(sixteen).rgba]).toEqual([255, 0, 1, 255, 0, 128, 255, 255]);
    // Three 1-bit pixels packed into one byte: 1, 0, 1.
    const packed = encode({ width: 3, height: 1, channels: 1, depth: 1, data: Uint8Array.from([0b10100000]) });
    expect([...decodePng(packed).rgba]).toEqual([255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 255]);
    // fast-png writes tRNS right only when the translucent palette entries come first.
    const palette = [
      [200, 100, 50, 0],
      [10, 20, 30, 255],
    ];
    const indexed = encode({ width: 2, height: 1, channels: 1, depth: 8, data: Uint8Array.from([0, 1]), palette });
    expect([...decodePng(indexed).rgba]).toEqual([200, 100, 50, 0, 10, 20, 30, 255]);
  });
});
