// Procedural noise (per-pixel hash noise, smooth value noise) and the brushed surface the part lies
// on. Noise the part uses is a pure function of position, so a defect can re-shade any one pixel.
import type { Random } from '../domain/random';

/** Uniform in [-1, 1), a pure function of (seed, x, y): pixel grain without storing a field. */
export function hashNoise(seed: number, x: number, y: number): number {
  let h = Math.imul(x | 0, 0x27d4eb2d) ^ Math.imul(y | 0, 0x165667b1) ^ seed;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2147483648 - 1;
}

function smoothstep01(t: number): number {
  return t * t * (3 - 2 * t);
}

/**
 * Random values on a lattice, smoothly interpolated: in [-1, 1], features about one cell in size.
 * Evaluated a pixel row at a time, which is how the renderer walks the image and far cheaper.
 */
export class ValueNoise2D {
  private readonly values: Float32Array;
  private readonly columns: number;
  private readonly inverseCellHeight: number;
  private readonly rowLattice: Float32Array;
  /** Per pixel column, the lattice column to its left and the smoothed distance past it. */
  private readonly columnIndex: Int32Array;
  private readonly columnFraction: Float32Array;

  constructor(random: Random, cellWidthPx: number, cellHeightPx: number, widthPx: number, heightPx: number) {
    this.columns = Math.ceil(widthPx / cellWidthPx) + 2;
    const rows = Math.ceil(heightPx / cellHeightPx) + 2;
    this.inverseCellHeight = 1 / cellHeightPx;
    this.values = new Float32Array(this.columns * rows);
    for (let i = 0; i < this.values.length; i++) this.values[i] = random.uniform(-1, 1);
    this.rowLattice = new Float32Array(this.columns);
    this.columnIndex = new Int32Array(widthPx);
    this.columnFraction = new Float32Array(widthPx);
    for (let px = 0; px < widthPx; px++) {
      const fx = (px + 0.5) / cellWidthPx;
      this.columnIndex[px] = Math.floor(fx);
      this.columnFraction[px] = smoothstep01(fx - Math.floor(fx));
    }
  }

  /** Adds `amplitude` times the noise along pixel row `py` to `out`, one value per pixel column. */
  addRow(py: number, amplitude: number, out: Float32Array): void {
    const fy = (py + 0.5) * this.inverseCellHeight;
    const iy = Math.floor(fy);
    const ty = smoothstep01(fy - iy);
    const { values, columns, rowLattice, columnIndex, columnFraction } = this;
    for (let c = 0; c < columns; c++) {
      const top = values[iy * columns + c]!;
      rowLattice[c] = top + (values[(iy + 1) * columns + c]! - top) * ty;
    }
    for (let px = 0; px < out.length; px++) {
      const ix = columnIndex[px]!;
      const left = rowLattice[ix]!;
      out[px]! += amplitude * (left + (rowLattice[ix + 1]! - left) * columnFraction[px]!);
    }
  }
}

/** One-dimensional value noise on [0, lengthPx]: machining rings as a function of radius. */
export class ValueNoise1D {
  private readonly values: Float32Array;
  private readonly inverseCell: number;

  constructor(random: Random, cellPx: number, lengthPx: number) {
    this.inverseCell = 1 / cellPx;
    this.values = new Float32Array(Math.ceil(lengthPx / cellPx) + 2);
    for (let i = 0; i < this.values.length; i++) this.values[i] = random.uniform(-1, 1);
  }

  at(position: number): number {
    const f = Math.min(Math.max(position * this.inverseCell, 0), this.values.length - 1.001);
    const i = Math.floor(f);
    const t = smoothstep01(f - i);
    return this.values[i]! + (this.values[i + 1]! - this.values[i]!) * t;
  }
}

// Relative brightness swings of each texture layer (fractions of the base brightness).
const blotchAmplitude = 0.1;
const streakAmplitude = 0.09;
const fineStreakAmplitude = 0.06;

/**
 * A dark brushed-steel or belt surface: soft blotches, long horizontal brush streaks and a fine
 * streaked grain (the camera's sensor noise, added later, provides the pixel-level grain).
 */
export class BrushedSurface {
  private readonly blotches: ValueNoise2D;
  private readonly streaks: ValueNoise2D;
  private readonly fineStreaks: ValueNoise2D;

  /** `scalePx` is the image's shorter side: feature sizes follow it so every size looks alike. */
  constructor(random: Random, widthPx: number, heightPx: number, scalePx: number) {
    const blotchCellPx = 0.22 * scalePx;
    const streakLengthPx = 0.3 * scalePx;
    const streakThicknessPx = Math.max(1, 0.008 * scalePx);
    this.blotches = new ValueNoise2D(random, blotchCellPx, blotchCellPx, widthPx, heightPx);
    this.streaks = new ValueNoise2D(random, streakLengthPx, 2.5 * streakThicknessPx, widthPx, heightPx);
    this.fineStreaks = new ValueNoise2D(random, 0.15 * streakLengthPx, 1, widthPx, heightPx);
  }

  /** Brightness multipliers around 1 along pixel row `py`, one per pixel column. */
  reliefRow(py: number, out: Float32Array): void {
    out.fill(1);
    this.blotches.addRow(py, blotchAmplitude, out);
    this.streaks.addRow(py, streakAmplitude, out);
    this.fineStreaks.addRow(py, fineStreakAmplitude, out);
  }
}
