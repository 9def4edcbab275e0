// The inspected part: a turned aluminium flange with a centre hole and four zinc-plated bolts,
// its per-sample jitter, and its shading before scene lighting. Geometry is in pixels.
import { mixInto, rgb } from './color';
import type { Rgb } from './color';
import type { Random } from '../domain/random';
import { ValueNoise1D } from './texture';

export const componentCount = 4;

// Geometry: fractions of the image's shorter side, or ratios between the part's own radii.
const flangeRadiusFraction = 0.36;
const sizeJitterFraction = 0.03;
const positionJitterFraction = 0.04;
const holeToFlangeRatio = 0.34;
const bevelToFlangeRatio = 0.045;
const boltCircleToFlangeRatio = 0.67;
const washerToFlangeRatio = 0.12;
const headToWasherRatio = 0.7;
const headBevelToHeadRatio = 0.24;
/** Where the washer's rounded rim begins, as a fraction of its radius. */
const washerRimStartRatio = 0.78;
const ringCellToFlangeRatio = 0.03;
const minRingCellPx = 1.5;
const fineRingCellPx = 0.9;
const patternBaseAngleRad = Math.PI / 4;
const patternJitterRad = (10 * Math.PI) / 180;

// Base colours in 0–255 levels, and their per-sample variation.
const metalLevels = [170, 173, 179] as const;
const metalTintJitterLevels = 4;
const metalGainJitterFraction = 0.07;
const zincLevels = [212, 184, 104] as const;
const zincTintJitterLevels = 6;

// Shading strengths, as fractions of the base brightness.
const bevelShadeFraction = 0.5;
const sheenShadeFraction = 0.07;
const ringShadeFraction = 0.045;
const fineRingShadeFraction = 0.035;
const washerRimShadeFraction = 0.3;
const headBaseShadeFraction = 0.86;
const headFacetShadeFraction = 0.45;
const headTopShadeFraction = 0.08;
/** Seen through the centre hole, the surface lies in the flange's shadow. */
const holeDarknessFraction = 0.45;

/**
 * Below this coverage a bolt's anti-aliased edge pixel stays out of its footprint: those pixels are
 * nearly pure flange already, so repainting them would not be a visible change.
 */
const footprintMinCoverage = 0.2;

export interface Component {
  readonly centerX: number;
  readonly centerY: number;
  readonly washerRadiusPx: number;
  readonly headRadiusPx: number;
  readonly headAngleRad: number;
  readonly headCos: number;
  readonly headSin: number;
}

function coverage(edgeDistancePx: number): number {
  return Math.min(Math.max(edgeDistancePx + 0.5, 0), 1);
}

/** Signed distance to a hexagon with flat sides at ±inradius along y (negative inside). */
function hexagonDistance(px: number, py: number, inradius: number): number {
  const kx = -0.866025404;
  const ky = 0.5;
  const kz = 0.577350269;
  let x = Math.abs(px);
  let y = Math.abs(py);
  const fold = 2 * Math.min(kx * x + ky * y, 0);
  x -= fold * kx;
  y -= fold * ky;
  x -= Math.min(Math.max(x, -kz * inradius), kz * inradius);
  y -= inradius;
  return Math.sqrt(x * x + y * y) * Math.sign(y);
}

export class Part {
  readonly centerX: number;
  readonly centerY: number;
  readonly radiusPx: number;
  readonly holeRadiusPx: number;
  readonly components: readonly Component[];
  /** Bolts sit within washerReachPx of this radius: a cheap test that skips most pixels. */
  private readonly boltCirclePx: number;
  private readonly washerReachPx: number;
  private readonly bevelWidthPx: number;
  private readonly lightX: number;
  private readonly lightY: number;
  private readonly metal: Rgb;
  private readonly zinc: Rgb;
  private readonly rings: ValueNoise1D;
  private readonly fineRings: ValueNoise1D;
  /** Scratch colours reused by composite(), which runs once per pixel. */
  private readonly layer = rgb(0, 0, 0);
  private readonly bolt = rgb(0, 0, 0);

  /** `lightX`, `lightY`: unit vector pointing from the part towards the light, in image axes. */
  constructor(random: Random, width: number, height: number, lightX: number, lightY: number) {
    const scalePx = Math.min(width, height);
    this.lightX = lightX;
    this.lightY = lightY;
    this.radiusPx = flangeRadiusFraction * scalePx * (1 + random.uniform(-sizeJitterFraction, sizeJitterFraction));
    this.centerX = width / 2 + random.uniform(-positionJitterFraction, positionJitterFraction) * scalePx;
    this.centerY = height / 2 + random.uniform(-positionJitterFraction, positionJitterFraction) * scalePx;
    this.holeRadiusPx = holeToFlangeRatio * this.radiusPx;
    this.bevelWidthPx = Math.max(1, bevelToFlangeRatio * this.radiusPx);

    const metalGain = 1 + random.uniform(-metalGainJitterFraction, metalGainJitterFraction);
    const metalTint = () => random.uniform(-metalTintJitterLevels, metalTintJitterLevels);
    this.metal = rgb((metalLevels[0] + metalTint()) * metalGain, (metalLevels[1] + metalTint()) * metalGain, (metalLevels[2] + metalTint()) * metalGain);
    // Chromate passivation varies from bath to bath: redder or greener, never bluer.
    const zincGain = random.uniform(0.92, 1.06);
    const zincTint = () => random.uniform(-zincTintJitterLevels, zincTintJitterLevels);
    this.zinc = rgb((zincLevels[0] + zincTint()) * zincGain, (zincLevels[1] + zincTint()) * zincGain, zincLevels[2] * zincGain);
    this.rings = new ValueNoise1D(random, Math.max(minRingCellPx, ringCellToFlangeRatio * this.radiusPx), this.radiusPx + 2);
    this.fineRings = new ValueNoise1D(random, fineRingCellPx, this.radiusPx + 2);

    const patternAngleRad = patternBaseAngleRad + random.uniform(-patternJitterRad, patternJitterRad);
    const boltCirclePx = boltCircleToFlangeRatio * this.radiusPx;
    const washerRadiusPx = washerToFlangeRatio * this.radiusPx;
    this.boltCirclePx = boltCirclePx;
    this.washerReachPx = washerRadiusPx + 0.5;
    const components: Component[] = [];
    for (let k = 0; k < componentCount; k++) {
      const angle = patternAngleRad + (2 * Math.PI * k) / componentCount;
      // Bolts are tightened to any angle; a hexagon repeats every 60°.
      const headAngleRad = random.uniform(0, Math.PI / 3);
      components.push({
        centerX: this.centerX + boltCirclePx * Math.cos(angle),
        centerY: this.centerY + boltCirclePx * Math.sin(angle),
        washerRadiusPx,
        headRadiusPx: headToWasherRatio * washerRadiusPx,
        headAngleRad,
        headCos: Math.cos(headAngleRad),
        headSin: Math.sin(headAngleRad),
      });
    }
    this.components = components;
  }

  /**
   * Paints the part over `color`, the surface at this pixel before lighting. The surface also shows,
   * darkened, through the centre hole.
   */
  composite(x: number, y: number, color: Rgb): void {
    const dx = x - this.centerX;
    const dy = y - this.centerY;
    const outerPx = this.radiusPx + 0.5;
    const distanceSquared = dx * dx + dy * dy;
    if (distanceSquared >= outerPx * outerPx) return;
    const d = Math.sqrt(distanceSquared);
    const layer = this.layer;
    this.faceAt(dx, dy, d, layer);
    const hole = coverage(this.holeRadiusPx - d);
    const through = 1 - holeDarknessFraction;
    if (hole > 0) mixInto(layer, color.r * through, color.g * through, color.b * through, hole);
    if (Math.abs(d - this.boltCirclePx) < this.washerReachPx) this.overlayComponents(x, y, layer);
    mixInto(color, layer.r, layer.g, layer.b, coverage(this.radiusPx - d));
  }

  private overlayComponents(x: number, y: number, layer: Rgb): void {
    for (let k = 0; k < componentCount; k++) {
      const cover = this.componentAt(k, x, y, this.bolt);
      if (cover > 0) {
        mixInto(layer, this.bolt.r, this.bolt.g, this.bolt.b, cover);
        return;
      }
    }
  }

  /** Hard test: the pixel centre lies on the flange's face, clear of the hole and of the rim. */
  isOnFace(x: number, y: number): boolean {
    const dx = x - this.centerX;
    const dy = y - this.centerY;
    const d = Math.sqrt(dx * dx + dy * dy);
    return d <= this.radiusPx - 1 && d >= this.holeRadiusPx + 1;
  }

  /** Hard test: the pixel centre lies in component `index`'s footprint (see footprintMinCoverage). */
  inFootprint(index: number, x: number, y: number): boolean {
    const c = this.components[index]!;
    const dx = x - c.centerX;
    const dy = y - c.centerY;
    const reachPx = c.washerRadiusPx + 0.5 - footprintMinCoverage;
    return dx * dx + dy * dy <= reachPx * reachPx;
  }

  /** Bare flange face (turned rings, sheen, bevels) before scene lighting; ignores hole and bolts. */
  surfaceAt(x: number, y: number, out: Rgb): void {
    const dx = x - this.centerX;
    const dy = y - this.centerY;
    this.faceAt(dx, dy, Math.sqrt(dx * dx + dy * dy), out);
  }

  /** The face at offset (dx, dy) and distance d from the centre. */
  private faceAt(dx: number, dy: number, distancePx: number, out: Rgb): void {
    const d = Math.max(distancePx, 1e-6);
    const ux = dx / d;
    const uy = dy / d;
    const facing = ux * this.lightX + uy * this.lightY;
    // Concentric grooves reflect along the diameter across the light: a bow-tie highlight.
    const across = ux * this.lightY - uy * this.lightX;
    let shade = 1 + sheenShadeFraction * (2 * across * across - 1) + ringShadeFraction * this.rings.at(d) + fineRingShadeFraction * this.fineRings.at(d);
    const outerBevel = this.radiusPx - d;
    if (outerBevel < this.bevelWidthPx) shade += bevelShadeFraction * facing * (1 - Math.max(outerBevel, 0) / this.bevelWidthPx);
    const innerBevel = d - this.holeRadiusPx;
    if (innerBevel < this.bevelWidthPx) shade -= bevelShadeFraction * facing * (1 - Math.max(innerBevel, 0) / this.bevelWidthPx);
    out.r = this.metal.r * shade;
    out.g = this.metal.g * shade;
    out.b = this.metal.b * shade;
  }

  /** Shades component `index` at (x, y) into `out` and returns its coverage (0 where it is absent). */
  private componentAt(index: number, x: number, y: number, out: Rgb): number {
    const c = this.components[index]!;
    const dx = x - c.centerX;
    const dy = y - c.centerY;
    const reachPx = c.washerRadiusPx + 0.5;
    if (dx * dx + dy * dy >= reachPx * reachPx) return 0;
    const d = Math.sqrt(dx * dx + dy * dy);
    const washerCoverage = coverage(c.washerRadiusPx - d);
    const facing = d > 0 ? (dx * this.lightX + dy * this.lightY) / d : 0;
    const rimRamp = Math.max(0, d / c.washerRadiusPx - washerRimStartRatio) / (1 - washerRimStartRatio);
    const washerShade = 1 + washerRimShadeFraction * facing * rimRamp;
    out.r = this.zinc.r * washerShade;
    out.g = this.zinc.g * washerShade;
    out.b = this.zinc.b * washerShade;

    const cos = c.headCos;
    const sin = c.headSin;
    const px = dx * cos + dy * sin;
    const py = -dx * sin + dy * cos;
    const inradius = c.headRadiusPx * 0.866025404;
    const edgeDistance = hexagonDistance(px, py, inradius);
    const headCoverage = coverage(-edgeDistance);
    if (headCoverage > 0) {
      let headShade = headBaseShadeFraction + headTopShadeFraction * ((dx * this.lightX + dy * this.lightY) / c.headRadiusPx);
      if (edgeDistance > -headBevelToHeadRatio * c.headRadiusPx) {
        // The chamfer faces outwards through the nearest flat side, whose normals sit at 30° + k·60°.
        const sector = Math.round((Math.atan2(py, px) - Math.PI / 6) / (Math.PI / 3));
        const normalAngle = Math.PI / 6 + sector * (Math.PI / 3) + c.headAngleRad;
        headShade += headFacetShadeFraction * (Math.cos(normalAngle) * this.lightX + Math.sin(normalAngle) * this.lightY);
      }
      mixInto(out, this.zinc.r * headShade, this.zinc.g * headShade, this.zinc.b * headShade, headCoverage);
    }
    return washerCoverage;
  }
}
