// encodeIndexedPng: indexed-colour PNGs at the smallest bit depth, decoded back pixel for pixel, including
// widths that leave a partly filled last byte per row.
import { describe, expect, it } from 'vitest';
import { decode } from 'fast-png';
import { decodePng, encodeIndexedPng } from '../../src/domain/png';

const palette = [
  [255, 255, 255],
  [35, 164, 54],
  [200, 10, 10],
  [0, 0, 255],
  [9, 9, 9],
];

function indices(width: number, height: number, colours: number): Uint8Array {
  return Uint8Array.from({ length: width * height }, (_, pixel) => (pixel * 7 + Math.floor(pixel / width)) % colours);
}

describe('encodeIndexedPng', () => {
  it.each([
    [2, 1],
    [3, 2],
    [4, 2],
    [5, 4],
  ])('writes %i palette entries at %i bit(s) and decodes to their colours', (colours, depth) => {
    const width = 13;
    const height = 5;
    const values = indices(width, height, colours);
    const png = encodeIndexedPng(values, width, height, palette.slice(0, colours));
    expect(decode(png).depth).toBe(depth);
    const { rgba } = decodePng(png);
    values.forEach((value, pixel) => {
      expect(Array.from(rgba.subarray(pixel * 4, pixel * 4 + 4)), `pixel ${pixel}`).toEqual([...palette[value]!, 255]);
    });
  });

  it('keeps 8 bits for palettes beyond 16 entries', () => {
    const big = Array.from({ length: 17 }, (_, index) => [index, index, index]);
    const values = indices(6, 3, 17);
    const png = encodeIndexedPng(values, 6, 3, big);
    expect(decode(png).depth).toBe(8);
    expect(Array.from(decodePng(png).rgba.filter((_, index) => index % 4 === 0))).toEqual(Array.from(values));
  });

  it('refuses a wrong pixel count and an empty palette', () => {
    expect(() => encodeIndexedPng(new Uint8Array(5), 2, 3, palette)).toThrow(/encodeIndexedPng: expected 6 values/);
    expect(() => encodeIndexedPng(new Uint8Array(6), 2, 3, [])).toThrow(/0 palette entries/);
  });
});
