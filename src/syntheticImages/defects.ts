// Draws defects onto a rendered scene. Each defect first fixes a hard-edged pixel region, then
// repaints only those pixels, each by a visible amount, so its mask is exact by construction.
import type { DefectType } from './catalog';
import { defectLabelIndex } from './catalog';
import { rgb } from './color';
import { componentCount } from './part';
import type { Random } from '../domain/random';
import type { Scene } from './scene';

/** Smallest change, |ΔR| + |ΔG| + |ΔB| against the clean render, of every masked pixel. */
export const minVisibleChangeRgbSum = 30;

/** Documented mask areas, as fractions of the image area (hold for aspect ratios up to 16:9). */
export const defectAreaFractionRange: Readonly<Record<DefectType, { min: number; max: number }>> = {
  scratch: { min: 0.003, max: 0.015 },
  dent: { min: 0.005, max: 0.02 },
  'missing-component': { min: 0.002, max: 0.012 },
};

/** Later defects paint over earlier ones, so the largest repaint goes first and scratches last. */
export const defectPaintOrder: readonly DefectType[] = ['missing-component', 'dent', 'scratch'];

export interface DefectCanvas {
  readonly scene: Scene;
  /** The defect-free render, which every change is measured against. */
  readonly clean: Uint8ClampedArray;
  readonly rgba: Uint8ClampedArray;
  readonly mask: Uint8Array;
}

/** Candidate regions are redrawn until their area falls in the documented range. */
const maxRegionAttempts = 24;
/** Per-channel step used when a repaint would otherwise be too faint to see. */
const visibleStepLevels = 20;

// Scratch: a thin tapered curve, bright (fresh metal) or dark (a groove). Its width is 2.5–4 px at
// a 240 px shorter side and scales with it; its length follows from the area it aims for.
const scratchTargetAreaFractionRange = [0.0035, 0.008] as const;
const scratchWidthRangePx = [2.5, 4] as const;
const scratchWidthReferenceSidePx = 240;
const minScratchWidthPx = 1.5;
const scratchLengthToFlangeRange = [0.5, 1.9] as const;
/** Where the scratch's midpoint may sit, as radii relative to the flange radius. */
const scratchMidRadiusToFlangeMax = 0.72;
const scratchMidClearOfHoleFraction = 0.15;
const scratchSegments = 24;
const scratchBendFraction = 0.12;
/** The half width at each end, as a fraction of the full half width mid-scratch. */
const scratchEndWidthFraction = 0.45;
/** Mean of the taper profile used below over the scratch's length, for sizing it. */
const scratchMeanTaperFraction = 0.87;
const scratchBrightShare = 0.6;
const scratchStrengthRange = [0.6, 0.8] as const;
/** How much weaker the scratch is at its edge than on its spine. */
const scratchEdgeFalloffFraction = 0.4;
const scratchHighlightLevel = 242;
const scratchGrooveDarkeningFraction = 0.75;

// Dent: an irregular shaded depression on the flange face, clear of the bolts. Its outline is a
// circle perturbed by a few cosine lobes; shades are brightness multipliers.
const dentTargetAreaFractionRange = [0.006, 0.011] as const;
const dentLobeOrders = [2, 3, 5] as const;
const dentLobeMaxAmplitudeFractions = [0.2, 0.12, 0.06] as const;
const dentLobeMinShare = 0.3;
const dentBaseShadeFraction = 0.6;
const dentSlopeShadeFraction = 0.26;
const dentCreaseShadeFraction = 0.1;
const dentCreaseStartRatio = 0.8;
/** The far wall's upper part catches the light as a bright lip; a hard edge keeps it clearly lit. */
const dentLipShadeFraction = 1.3;
const dentLipMaxFacing = -0.45;
const dentLipStartRatio = 0.55;

// Missing component: the bare face with a threaded hole and a grimy ring where the washer sat.
// Radii are relative to the washer radius, shades are brightness multipliers.
const threadHoleToWasherRatio = 0.42;
const witnessRingStartRatio = 0.78;
const witnessRingShadeFraction = 0.8;
const cleanFaceShadeFraction = 1.06;
const holeShadeFraction = 0.12;
const holeWallShadeFraction = 0.22;

interface Region {
  pixels: number[];
  /** One shading parameter per pixel; what it means is up to the defect. */
  weights: number[];
}

export function applyDefect(type: DefectType, canvas: DefectCanvas, random: Random): void {
  switch (type) {
    case 'scratch':
      return applyScratch(canvas, random);
    case 'dent':
      return applyDent(canvas, random);
    case 'missing-component':
      return applyMissingComponent(canvas, random);
  }
}

/** Writes one repainted pixel and its label, nudging the colour if it is too close to the clean one. */
function paint(canvas: DefectCanvas, pixel: number, label: number, r: number, g: number, b: number): void {
  const i = pixel * 4;
  const { clean, rgba } = canvas;
  const cleanR = clean[i]!;
  const cleanG = clean[i + 1]!;
  const cleanB = clean[i + 2]!;
  let nr = Math.min(255, Math.max(0, Math.round(r)));
  let ng = Math.min(255, Math.max(0, Math.round(g)));
  let nb = Math.min(255, Math.max(0, Math.round(b)));
  if (Math.abs(nr - cleanR) + Math.abs(ng - cleanG) + Math.abs(nb - cleanB) < minVisibleChangeRgbSum) {
    // Go the way the repaint meant to go; a pixel too near white or black goes the other way.
    let step = nr + ng + nb >= cleanR + cleanG + cleanB ? visibleStepLevels : -visibleStepLevels;
    const reach = (level: number, delta: number) => Math.min(255, Math.max(0, level + delta));
    const change = (delta: number) =>
      Math.abs(reach(cleanR, delta) - cleanR) + Math.abs(reach(cleanG, delta) - cleanG) + Math.abs(reach(cleanB, delta) - cleanB);
    if (change(step) < minVisibleChangeRgbSum) step = -step;
    nr = reach(cleanR, step);
    ng = reach(cleanG, step);
    nb = reach(cleanB, step);
  }
  rgba[i] = nr;
  rgba[i + 1] = ng;
  rgba[i + 2] = nb;
  canvas.mask[pixel] = label;
}

/** Draws candidates until one's area is in range; failing that, keeps the closest. */
function chooseRegion(canvas: DefectCanvas, type: DefectType, draw: () => Region): Region {
  const imageArea = canvas.scene.width * canvas.scene.height;
  const { min, max } = defectAreaFractionRange[type];
  let best: Region | null = null;
  let bestMiss = Infinity;
  for (let attempt = 0; attempt < maxRegionAttempts; attempt++) {
    const region = draw();
    const fraction = region.pixels.length / imageArea;
    const miss = Math.max(min - fraction, fraction - max, 0);
    if (miss === 0) return region;
    if (miss < bestMiss) {
      best = region;
      bestMiss = miss;
    }
  }
  return best!;
}

function applyScratch(canvas: DefectCanvas, random: Random): void {
  const { scene } = canvas;
  const { part, width, height } = scene;
  const label = defectLabelIndex('scratch');
  const region = chooseRegion(canvas, 'scratch', () => {
    const scalePx = Math.min(width, height);
    const widthPx = Math.max(minScratchWidthPx, random.uniform(...scratchWidthRangePx) * (scalePx / scratchWidthReferenceSidePx));
    const targetArea = random.uniform(...scratchTargetAreaFractionRange) * width * height;
    const [minLength, maxLength] = scratchLengthToFlangeRange;
    const lengthPx = Math.min(Math.max(targetArea / (widthPx * scratchMeanTaperFraction), minLength * part.radiusPx), maxLength * part.radiusPx);
    const midAngle = random.uniform(0, 2 * Math.PI);
    const midRadius = random.uniform(
      part.holeRadiusPx + scratchMidClearOfHoleFraction * (part.radiusPx - part.holeRadiusPx),
      scratchMidRadiusToFlangeMax * part.radiusPx,
    );
    const direction = random.uniform(0, 2 * Math.PI);
    const bend = random.uniform(-scratchBendFraction, scratchBendFraction) * lengthPx;
    const midX = part.centerX + midRadius * Math.cos(midAngle);
    const midY = part.centerY + midRadius * Math.sin(midAngle);
    const ax = midX - 0.5 * lengthPx * Math.cos(direction);
    const ay = midY - 0.5 * lengthPx * Math.sin(direction);
    const bx = midX + 0.5 * lengthPx * Math.cos(direction);
    const by = midY + 0.5 * lengthPx * Math.sin(direction);
    // The quadratic Bézier's control point sits off the chord, bending the scratch slightly.
    const cx = midX - 2 * bend * Math.sin(direction);
    const cy = midY + 2 * bend * Math.cos(direction);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let s = 0; s <= scratchSegments; s++) {
      const t = s / scratchSegments;
      xs.push((1 - t) * (1 - t) * ax + 2 * t * (1 - t) * cx + t * t * bx);
      ys.push((1 - t) * (1 - t) * ay + 2 * t * (1 - t) * cy + t * t * by);
    }
    // Scratches taper to a point, but never below what still marks a whole row of pixels.
    const halfWidthAt = (t: number) =>
      Math.max(0.5 * minScratchWidthPx, 0.5 * widthPx * (scratchEndWidthFraction + (1 - scratchEndWidthFraction) * Math.sqrt(Math.sin(Math.PI * t))));
    return rasterizeStroke(scene, xs, ys, 0.5 * widthPx, halfWidthAt);
  });
  const bright = random.next() < scratchBrightShare;
  const strength = random.uniform(...scratchStrengthRange);
  const { rgba } = canvas;
  for (let n = 0; n < region.pixels.length; n++) {
    const pixel = region.pixels[n]!;
    const i = pixel * 4;
    const r = rgba[i]!;
    const g = rgba[i + 1]!;
    const b = rgba[i + 2]!;
    // Weight: distance from the scratch's spine relative to its half width; the spine is strongest.
    const relative = region.weights[n]!;
    const s = strength * (1 - scratchEdgeFalloffFraction * relative * relative);
    if (bright) {
      paint(canvas, pixel, label, r + (scratchHighlightLevel - r) * s, g + (scratchHighlightLevel - g) * s, b + (scratchHighlightLevel - b) * s);
    } else {
      const keep = 1 - scratchGrooveDarkeningFraction * s;
      paint(canvas, pixel, label, r * keep, g * keep, b * keep);
    }
  }
}

/** Pixels of the flange face whose centres lie within the stroke's local half width of the polyline. */
function rasterizeStroke(scene: Scene, xs: number[], ys: number[], maxHalfWidthPx: number, halfWidthAt: (t: number) => number): Region {
  const { width, height, part } = scene;
  const x0 = Math.max(0, Math.floor(Math.min(...xs) - maxHalfWidthPx - 1));
  const y0 = Math.max(0, Math.floor(Math.min(...ys) - maxHalfWidthPx - 1));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(...xs) + maxHalfWidthPx + 1));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(...ys) + maxHalfWidthPx + 1));
  const regionPixels: number[] = [];
  const weights: number[] = [];
  if (x1 < x0 || y1 < y0) return { pixels: regionPixels, weights };
  const boxWidth = x1 - x0 + 1;
  const closest = new Float32Array(boxWidth * (y1 - y0 + 1)).fill(Infinity);
  const segments = xs.length - 1;
  for (let s = 0; s < segments; s++) {
    const ax = xs[s]!;
    const ay = ys[s]!;
    const dx = xs[s + 1]! - ax;
    const dy = ys[s + 1]! - ay;
    const lengthSquared = Math.max(dx * dx + dy * dy, 1e-9);
    const sx0 = Math.max(x0, Math.floor(Math.min(ax, ax + dx) - maxHalfWidthPx - 1));
    const sy0 = Math.max(y0, Math.floor(Math.min(ay, ay + dy) - maxHalfWidthPx - 1));
    const sx1 = Math.min(x1, Math.ceil(Math.max(ax, ax + dx) + maxHalfWidthPx + 1));
    const sy1 = Math.min(y1, Math.ceil(Math.max(ay, ay + dy) + maxHalfWidthPx + 1));
    for (let py = sy0; py <= sy1; py++) {
      for (let px = sx0; px <= sx1; px++) {
        const rx = px + 0.5 - ax;
        const ry = py + 0.5 - ay;
        const along = Math.min(Math.max((rx * dx + ry * dy) / lengthSquared, 0), 1);
        const ox = rx - along * dx;
        const oy = ry - along * dy;
        const distance = Math.sqrt(ox * ox + oy * oy);
        const relative = distance / halfWidthAt((s + along) / segments);
        const cell = (py - y0) * boxWidth + (px - x0);
        if (relative < closest[cell]!) closest[cell] = relative;
      }
    }
  }
  for (let py = y0; py <= y1; py++) {
    for (let px = x0; px <= x1; px++) {
      const relative = closest[(py - y0) * boxWidth + (px - x0)]!;
      if (relative <= 1 && part.isOnFace(px + 0.5, py + 0.5)) {
        regionPixels.push(py * width + px);
        weights.push(relative);
      }
    }
  }
  return { pixels: regionPixels, weights };
}

function applyDent(canvas: DefectCanvas, random: Random): void {
  const { scene } = canvas;
  const { part, width, height, lighting } = scene;
  const label = defectLabelIndex('dent');
  const region = chooseRegion(canvas, 'dent', () => {
    const targetArea = random.uniform(...dentTargetAreaFractionRange) * width * height;
    const baseRadiusPx = Math.sqrt(targetArea / Math.PI);
    const lobes = dentLobeOrders.map((order, k) => ({
      order,
      amplitude: random.uniform(dentLobeMinShare, 1) * dentLobeMaxAmplitudeFractions[k]!,
      phase: random.uniform(0, 2 * Math.PI),
    }));
    const radiusAt = (angle: number) => baseRadiusPx * (1 + lobes.reduce((sum, lobe) => sum + lobe.amplitude * Math.cos(lobe.order * angle + lobe.phase), 0));
    const reachPx = baseRadiusPx * (1 + lobes.reduce((sum, lobe) => sum + lobe.amplitude, 0)) + 1;
    // Somewhere on the face away from the hole, the rim and every bolt.
    let centerX = part.centerX;
    let centerY = part.centerY;
    for (let tries = 0; tries < maxRegionAttempts; tries++) {
      const angle = random.uniform(0, 2 * Math.PI);
      const distance = random.uniform(part.holeRadiusPx + reachPx, Math.max(part.holeRadiusPx + reachPx, part.radiusPx - reachPx));
      centerX = part.centerX + distance * Math.cos(angle);
      centerY = part.centerY + distance * Math.sin(angle);
      if (part.components.every((c) => Math.hypot(centerX - c.centerX, centerY - c.centerY) > c.washerRadiusPx + reachPx)) break;
    }
    const pixels: number[] = [];
    const weights: number[] = [];
    const x0 = Math.max(0, Math.floor(centerX - reachPx));
    const y0 = Math.max(0, Math.floor(centerY - reachPx));
    const x1 = Math.min(width - 1, Math.ceil(centerX + reachPx));
    const y1 = Math.min(height - 1, Math.ceil(centerY + reachPx));
    for (let py = y0; py <= y1; py++) {
      for (let px = x0; px <= x1; px++) {
        const x = px + 0.5;
        const y = py + 0.5;
        const radius = radiusAt(Math.atan2(y - centerY, x - centerX));
        const relative = Math.sqrt((x - centerX) ** 2 + (y - centerY) ** 2) / radius;
        if (relative > 1 || !part.isOnFace(x, y) || isInAnyFootprint(scene, x, y)) continue;
        // The wall nearest the light faces away from it and falls darkest; the rim creases.
        const towardsLight = ((x - centerX) * lighting.lightX + (y - centerY) * lighting.lightY) / radius;
        const lip = towardsLight < dentLipMaxFacing && relative > dentLipStartRatio;
        const crease = Math.max(0, relative - dentCreaseStartRatio) / (1 - dentCreaseStartRatio);
        pixels.push(py * width + px);
        weights.push(lip ? dentLipShadeFraction : dentBaseShadeFraction - dentSlopeShadeFraction * towardsLight - dentCreaseShadeFraction * crease);
      }
    }
    return { pixels, weights };
  });
  for (let n = 0; n < region.pixels.length; n++) {
    const pixel = region.pixels[n]!;
    const shade = region.weights[n]!;
    const i = pixel * 4;
    paint(canvas, pixel, label, canvas.rgba[i]! * shade, canvas.rgba[i + 1]! * shade, canvas.rgba[i + 2]! * shade);
  }
}

function isInAnyFootprint(scene: Scene, x: number, y: number): boolean {
  for (let k = 0; k < componentCount; k++) if (scene.part.inFootprint(k, x, y)) return true;
  return false;
}

function applyMissingComponent(canvas: DefectCanvas, random: Random): void {
  const { scene } = canvas;
  const { part, width, height, lighting } = scene;
  const label = defectLabelIndex('missing-component');
  const index = random.int(0, componentCount - 1);
  const component = part.components[index]!;
  const washerRadiusPx = component.washerRadiusPx;
  const holeRadiusPx = threadHoleToWasherRatio * washerRadiusPx;
  const color = rgb(0, 0, 0);
  const x0 = Math.max(0, Math.floor(component.centerX - washerRadiusPx - 1));
  const y0 = Math.max(0, Math.floor(component.centerY - washerRadiusPx - 1));
  const x1 = Math.min(width - 1, Math.ceil(component.centerX + washerRadiusPx + 1));
  const y1 = Math.min(height - 1, Math.ceil(component.centerY + washerRadiusPx + 1));
  for (let py = y0; py <= y1; py++) {
    for (let px = x0; px <= x1; px++) {
      const x = px + 0.5;
      const y = py + 0.5;
      if (!part.inFootprint(index, x, y)) continue;
      part.surfaceAt(x, y, color);
      const dx = x - component.centerX;
      const dy = y - component.centerY;
      const d = Math.sqrt(dx * dx + dy * dy);
      let shade = d >= witnessRingStartRatio * washerRadiusPx ? witnessRingShadeFraction : cleanFaceShadeFraction;
      const holeCoverage = Math.min(Math.max(holeRadiusPx - d + 0.5, 0), 1);
      if (holeCoverage > 0) {
        // Inside the hole, the wall across from the light catches it.
        const awayFromLight = d > 0 ? -(dx * lighting.lightX + dy * lighting.lightY) / holeRadiusPx : 0;
        const inHole = holeShadeFraction + holeWallShadeFraction * Math.max(0, awayFromLight);
        shade += (inHole - shade) * holeCoverage;
      }
      color.r *= shade;
      color.g *= shade;
      color.b *= shade;
      lighting.expose(x, y, color);
      paint(canvas, py * width + px, label, color.r, color.g, color.b);
    }
  }
}
