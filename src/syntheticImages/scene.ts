// One sample's defect-free scene: per-image lighting and camera response, the surface, the part and
// its shadow, composed into RGBA. Defects are applied afterwards, on top of this render.
import type { Rgb } from './color';
import { rgb } from './color';
import { Part } from './part';
import { Random } from '../domain/random';
import { BrushedSurface, hashNoise } from './texture';

// Camera and lighting variation between images. The gradient is the brightness change across the
// image's shorter side, the vignette the darkening at the corners; both are drawn from 30–100 % of max.
const exposureJitterFraction = 0.08;
const contrastJitterFraction = 0.1;
const gradientMaxFraction = 0.28;
const vignetteMaxFraction = 0.22;
const falloffMinShare = 0.3;
const sensorNoiseMaxLevels = 3.5;
const sensorNoiseMinShare = 0.4;
/** Contrast changes pivot on a mid-dark level, so the dark surface keeps its look. */
const contrastPivotLevel = 118;

// The surface: a dark blue-grey belt, 0–255 levels, with per-sample tint and brightness.
const surfaceLevels = [74, 79, 88] as const;
const surfaceTintJitterLevels = 5;
const surfaceGainJitterFraction = 0.12;

// The part's soft shadow on the surface, in fractions of the image's shorter side.
const shadowOffsetFraction = 0.022;
const shadowSoftnessFraction = 0.03;
const shadowDarknessFraction = 0.5;

class Lighting {
  readonly lightX: number;
  readonly lightY: number;
  private readonly exposure: number;
  private readonly contrast: number;
  private readonly gradientPerPx: number;
  private readonly vignettePerPx2: number;
  private readonly centerX: number;
  private readonly centerY: number;
  private readonly sensorNoiseLevels: number;
  private readonly noiseSeed: number;

  constructor(random: Random, width: number, height: number) {
    const lightAngleRad = random.uniform(0, 2 * Math.PI);
    this.lightX = Math.cos(lightAngleRad);
    this.lightY = Math.sin(lightAngleRad);
    const scalePx = Math.min(width, height);
    this.exposure = 1 + random.uniform(-exposureJitterFraction, exposureJitterFraction);
    this.contrast = 1 + random.uniform(-contrastJitterFraction, contrastJitterFraction);
    this.gradientPerPx = (random.uniform(falloffMinShare, 1) * gradientMaxFraction) / scalePx;
    // Normalised by the squared centre-to-corner distance.
    this.vignettePerPx2 = (random.uniform(falloffMinShare, 1) * vignetteMaxFraction) / (0.25 * (width * width + height * height));
    this.centerX = width / 2;
    this.centerY = height / 2;
    this.sensorNoiseLevels = random.uniform(sensorNoiseMinShare, 1) * sensorNoiseMaxLevels;
    this.noiseSeed = random.int(0, 0x7fffffff);
  }

  /** Turns scene radiance into camera levels in place: light falloff, exposure, contrast, noise. */
  expose(x: number, y: number, color: Rgb): void {
    const dx = x - this.centerX;
    const dy = y - this.centerY;
    const light = this.exposure * (1 + this.gradientPerPx * (dx * this.lightX + dy * this.lightY)) * (1 - this.vignettePerPx2 * (dx * dx + dy * dy));
    const offset = contrastPivotLevel * (1 - this.contrast) + this.sensorNoiseLevels * hashNoise(this.noiseSeed, x, y);
    const gain = light * this.contrast;
    color.r = color.r * gain + offset;
    color.g = color.g * gain + offset;
    color.b = color.b * gain + offset;
  }
}

export class Scene {
  readonly width: number;
  readonly height: number;
  readonly lighting: Lighting;
  readonly part: Part;
  private readonly surface: BrushedSurface;
  private readonly surfaceColor: Rgb;
  private readonly shadowCenterX: number;
  private readonly shadowCenterY: number;
  private readonly shadowSoftnessPx: number;

  constructor(seed: number, width: number, height: number) {
    const random = new Random(seed);
    const scalePx = Math.min(width, height);
    this.width = width;
    this.height = height;
    this.lighting = new Lighting(random, width, height);
    this.part = new Part(random, width, height, this.lighting.lightX, this.lighting.lightY);
    this.surface = new BrushedSurface(random, width, height, scalePx);
    const surfaceGain = 1 + random.uniform(-surfaceGainJitterFraction, surfaceGainJitterFraction);
    const tint = () => random.uniform(-surfaceTintJitterLevels, surfaceTintJitterLevels);
    this.surfaceColor = rgb((surfaceLevels[0] + tint()) * surfaceGain, (surfaceLevels[1] + tint()) * surfaceGain, surfaceLevels[2] * surfaceGain);
    this.shadowCenterX = this.part.centerX - shadowOffsetFraction * scalePx * this.lighting.lightX;
    this.shadowCenterY = this.part.centerY - shadowOffsetFraction * scalePx * this.lighting.lightY;
    this.shadowSoftnessPx = shadowSoftnessFraction * scalePx;
  }

  /** The defect-free image, alpha 255. */
  render(): Uint8ClampedArray {
    const { width, height, part, surfaceColor } = this;
    const rgba = new Uint8ClampedArray(width * height * 4);
    const relief = new Float32Array(width);
    const color = rgb(0, 0, 0);
    for (let py = 0; py < height; py++) {
      const y = py + 0.5;
      this.surface.reliefRow(py, relief);
      for (let px = 0; px < width; px++) {
        const x = px + 0.5;
        const shade = relief[px]! * this.shadowAt(x, y);
        color.r = surfaceColor.r * shade;
        color.g = surfaceColor.g * shade;
        color.b = surfaceColor.b * shade;
        part.composite(x, y, color);
        this.lighting.expose(x, y, color);
        const i = (py * width + px) * 4;
        rgba[i] = color.r;
        rgba[i + 1] = color.g;
        rgba[i + 2] = color.b;
        rgba[i + 3] = 255;
      }
    }
    return rgba;
  }

  /** Light reaching the surface: 1 in the open, less under the part's soft shadow. */
  private shadowAt(x: number, y: number): number {
    const dx = x - this.shadowCenterX;
    const dy = y - this.shadowCenterY;
    const outerPx = this.part.radiusPx + this.shadowSoftnessPx;
    const distanceSquared = dx * dx + dy * dy;
    if (distanceSquared >= outerPx * outerPx) return 1;
    const t = Math.max((Math.sqrt(distanceSquared) - this.part.radiusPx + this.shadowSoftnessPx) / (2 * this.shadowSoftnessPx), 0);
    return 1 - shadowDarknessFraction * (1 - t * t * (3 - 2 * t));
  }
}
