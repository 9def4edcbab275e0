// Test helpers for the engine: synthetic parts as the packed RGB888 the engine takes.
import type { SyntheticSample } from '../../../src/syntheticImages';

/** RGBA → packed RGB888 (alpha dropped, spec §4.2). */
export function rgbOf(sample: Pick<SyntheticSample, 'rgba' | 'width' | 'height'>): Uint8Array {
  const pixels = sample.width * sample.height;
  const rgb = new Uint8Array(pixels * 3);
  for (let pixel = 0; pixel < pixels; pixel += 1) {
    rgb[pixel * 3] = sample.rgba[pixel * 4]!;
    rgb[pixel * 3 + 1] = sample.rgba[pixel * 4 + 1]!;
    rgb[pixel * 3 + 2] = sample.rgba[pixel * 4 + 2]!;
  }
  return rgb;
}
