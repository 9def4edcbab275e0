// One synthetic sample: validates the request, renders the clean scene, then paints the requested
// defects, each from its own random stream so adding a defect never changes the rest of the image.
import type { DefectType } from './catalog';
import { SYNTHETIC_DEFECTS, defectLabelIndex } from './catalog';
import { applyDefect, defectPaintOrder } from './defects';
import { Random, deriveSeed } from '../domain/random';
import { Scene } from './scene';
import { maxImageSidePx, minImageSidePx } from '../domain/rules/limits';

export interface SyntheticSampleOptions {
  /** Only the low 32 bits count. */
  seed: number;
  width: number;
  height: number;
  /** Each type at most once; [] renders a normal part. */
  defects: DefectType[];
}

export interface SyntheticSample {
  width: number;
  height: number;
  /** width * height * 4, alpha 255. */
  rgba: Uint8ClampedArray;
  /** width * height label indices: 0 = no anomaly, n = SYNTHETIC_DEFECTS[n - 1]. */
  mask: Uint8Array;
  defects: DefectType[];
}

export function validateImageSize(width: number, height: number): void {
  for (const side of [width, height]) {
    if (!Number.isInteger(side) || side < minImageSidePx || side > maxImageSidePx) {
      throw new RangeError(`Synthetic image sides must be whole numbers from ${minImageSidePx} to ${maxImageSidePx}, got ${width}x${height}`);
    }
  }
}

export function renderSyntheticSample(options: SyntheticSampleOptions): SyntheticSample {
  const { seed, width, height, defects } = options;
  validateImageSize(width, height);
  if (!Number.isFinite(seed)) throw new RangeError(`Synthetic seed must be a finite number, got ${seed}`);
  for (const type of defects) {
    if (!SYNTHETIC_DEFECTS.some((defect) => defect.type === type)) throw new RangeError(`Unknown defect type: ${String(type)}`);
  }
  if (new Set(defects).size !== defects.length) throw new RangeError(`Each defect type may appear once, got ${defects.join(', ')}`);

  const scene = new Scene(deriveSeed(seed, 0), width, height);
  const rgba = scene.render();
  const mask = new Uint8Array(width * height);
  if (defects.length > 0) {
    const canvas = { scene, clean: rgba.slice(), rgba, mask };
    for (const type of defectPaintOrder) {
      if (defects.includes(type)) applyDefect(type, canvas, new Random(deriveSeed(seed, defectLabelIndex(type))));
    }
  }
  return { width, height, rgba, mask, defects: [...defects] };
}
