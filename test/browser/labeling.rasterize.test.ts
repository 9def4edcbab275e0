// Annotation shapes rasterised by fabric in real Chromium at full resolution, checked against
// hand-computed pixels: rectangles and polygons exactly, round-capped strokes and taps by area.
import { describe, expect, it } from 'vitest';
import { rasterizeCoverage } from '../../src/labeling/rasterize';
import { areaShape, outlineShape, rectangleShape, strokeShape } from '../../src/labeling/shapes';

const color = '#ff0000';

/** The covered pixels as "x,y" strings, row by row. */
function coveredPixels(coverage: Uint8Array, width: number): string[] {
  return [...coverage].flatMap((value, i) => (value === 1 ? [`${i % width},${Math.floor(i / width)}`] : []));
}

function pixelsOfBox(left: number, top: number, right: number, bottom: number): string[] {
  const pixels: string[] = [];
  for (let y = top; y < bottom; y++) for (let x = left; x < right; x++) pixels.push(`${x},${y}`);
  return pixels;
}

const count = (coverage: Uint8Array) => coverage.reduce((sum, value) => sum + value, 0);

describe('rasterizeCoverage', () => {
  it('covers exactly the pixels of a rectangle, whichever corner it was drawn from', async () => {
    const expected = pixelsOfBox(2, 3, 7, 5);
    expect(coveredPixels(await rasterizeCoverage(rectangleShape({ x: 2, y: 3 }, { x: 7, y: 5 }, color), 10, 8), 10)).toEqual(expected);
    expect(coveredPixels(await rasterizeCoverage(rectangleShape({ x: 7, y: 5 }, { x: 2, y: 3 }, color), 10, 8), 10)).toEqual(expected);
  });

  it('fills a non-convex polygon exactly (an L of 5×2 + 2×3 = 16 pixels)', async () => {
    const ell = areaShape(
      [
        { x: 1, y: 1 },
        { x: 6, y: 1 },
        { x: 6, y: 3 },
        { x: 3, y: 3 },
        { x: 3, y: 6 },
        { x: 1, y: 6 },
      ],
      color,
    );
    const coverage = await rasterizeCoverage(ell, 8, 8);
    expect(coveredPixels(coverage, 8)).toEqual([...pixelsOfBox(1, 1, 6, 3), ...pixelsOfBox(1, 3, 3, 6)].sort(byRowThenColumn));
  });

  it('paints a stroke as a band of its width with round caps, with no anti-aliased edge values', async () => {
    const widthPx = 4;
    const coverage = await rasterizeCoverage(
      strokeShape(
        [
          { x: 10, y: 10 },
          { x: 20, y: 10 },
          { x: 30, y: 10 },
        ],
        widthPx,
        color,
      ),
      40,
      20,
    );
    expect(coverage.every((value) => value === 0 || value === 1)).toBe(true);
    // Band 20 × 4 = 80 pixels plus two half discs of radius 2: 80 + π·2² ≈ 92.6.
    expect(Math.abs(count(coverage) - (80 + Math.PI * 4))).toBeLessThanOrEqual(4);
    const at = (x: number, y: number) => coverage[y * 40 + x];
    expect([at(20, 8), at(20, 11), at(10, 10), at(29, 9)]).toEqual([1, 1, 1, 1]);
    expect([at(20, 7), at(20, 12), at(5, 10), at(35, 10)]).toEqual([0, 0, 0, 0]);
  });

  it('paints a single tap as a dot of the brush size', async () => {
    const coverage = await rasterizeCoverage(strokeShape([{ x: 10.5, y: 10.5 }], 6, color), 20, 20);
    // A disc of radius 3: π·3² ≈ 28.3 pixels, centred on pixel (10, 10).
    expect(Math.abs(count(coverage) - Math.PI * 9)).toBeLessThanOrEqual(5);
    expect(coverage[10 * 20 + 10]).toBe(1);
    expect(coverage[10 * 20 + 15]).toBe(0);
  });

  it('leaves the shape itself usable as the on-screen preview', async () => {
    const shape = rectangleShape({ x: 0, y: 0 }, { x: 4, y: 4 }, color);
    await rasterizeCoverage(shape, 8, 8);
    expect(shape.get('objectCaching')).toBe(false);
    expect(count(await rasterizeCoverage(shape, 8, 8))).toBe(16);
  });
});

describe('shapes', () => {
  it('places a rectangle by its top-left corner and size', () => {
    const rect = rectangleShape({ x: 9, y: 2 }, { x: 3, y: 7 }, color);
    expect([rect.left, rect.top, rect.width, rect.height]).toEqual([3, 2, 6, 5]);
  });

  it('keeps the open outline of a polygon unfilled', () => {
    const outline = outlineShape(
      [
        { x: 0, y: 0 },
        { x: 5, y: 0 },
      ],
      2,
      color,
    );
    expect(outline.fill).toBe('');
    expect(outline.strokeWidth).toBe(2);
  });
});

function byRowThenColumn(a: string, b: string): number {
  const [ax, ay] = a.split(',').map(Number) as [number, number];
  const [bx, by] = b.split(',').map(Number) as [number, number];
  return ay - by || ax - bx;
}
