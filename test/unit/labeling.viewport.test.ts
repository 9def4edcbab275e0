// The annotation viewport maths with hand-computed views: fit, zoom about a point, the zoom
// limits, and canvas → image coordinates.
import { describe, expect, it } from 'vitest';
import { clampZoom, fitView, maxZoom, minZoom, toImagePoint, zoomAbout } from '../../src/labeling/viewport';

describe('fitView', () => {
  it('scales the image to the tighter side inside an 8 px margin and centres it', () => {
    // Width allows (416 − 16) / 200 = 2, height (316 − 16) / 100 = 3: zoom 2, 400×200 on screen.
    expect(fitView({ width: 200, height: 100 }, { width: 416, height: 316 })).toEqual({ zoom: 2, panX: 8, panY: 58 });
  });

  it('never zooms a tiny image beyond the maximum', () => {
    // (1016 − 16) / 10 = 100 is clamped to 32: the 320 px image sits at (1016 − 320) / 2 = 348.
    expect(fitView({ width: 10, height: 10 }, { width: 1016, height: 1016 })).toEqual({ zoom: maxZoom, panX: 348, panY: 348 });
  });
});

describe('zoomAbout', () => {
  it('keeps the image point under the given canvas point in place', () => {
    const view = { zoom: 2, panX: 10, panY: 20 };
    // Canvas (110, 220) shows image (50, 100); at zoom 4 that point must still be at (110, 220).
    const zoomed = zoomAbout(view, 4, 110, 220);
    expect(zoomed).toEqual({ zoom: 4, panX: -90, panY: -180 });
    expect(toImagePoint(view, 110, 220)).toEqual({ x: 50, y: 100 });
    expect(toImagePoint(zoomed, 110, 220)).toEqual({ x: 50, y: 100 });
  });

  it('clamps the zoom to its limits', () => {
    expect(zoomAbout({ zoom: 16, panX: 0, panY: 0 }, 1000, 0, 0).zoom).toBe(maxZoom);
    expect(clampZoom(0.001)).toBe(minZoom);
    expect(clampZoom(1.5)).toBe(1.5);
  });
});

describe('toImagePoint', () => {
  it('undoes the pan, then the zoom', () => {
    expect(toImagePoint({ zoom: 0.5, panX: 100, panY: -40 }, 150, 10)).toEqual({ x: 100, y: 100 });
  });
});
