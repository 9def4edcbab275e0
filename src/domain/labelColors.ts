// Colours for new anomaly labels: a palette of clearly distinct colours first, then an endless
// golden-angle hue walk, so a label added without a colour never repeats one already in use.

/** Tableau 10, then its lighter companions: well separated and readable on an image. */
const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
  '#aec7e8',
  '#ffbb78',
  '#98df8a',
  '#ff9896',
  '#c5b0d5',
  '#c49c94',
  '#f7b6d2',
  '#c7c7c7',
  '#dbdb8d',
  '#9edae5',
] as const;

/** Successive hues this far apart never cluster, however many are taken. */
const GOLDEN_ANGLE_DEGREES = 137.508;
const GENERATED_SATURATION = 0.65;
/** Alternating lightness doubles the distinct colours before hues come close. */
const GENERATED_LIGHTNESS = [0.45, 0.6] as const;
/** White is the background colour (index 0) and is never a label's. */
const BACKGROUND_COLOR = '#ffffff';

/** `#rrggbb` of a colour given as hue (degrees), saturation and lightness (0–1). */
function hslToHex(hueDegrees: number, saturation: number, lightness: number): string {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const channel = (offset: number) => {
    const k = (offset + hueDegrees / 30) % 12;
    const value = lightness - (chroma / 2) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

function* candidateColors(): Generator<string> {
  yield* PALETTE;
  for (let step = 0; ; step += 1) {
    const lightness = GENERATED_LIGHTNESS[step % GENERATED_LIGHTNESS.length] ?? GENERATED_LIGHTNESS[0];
    yield hslToHex((step * GOLDEN_ANGLE_DEGREES) % 360, GENERATED_SATURATION, lightness);
  }
}

/** The first candidate colour (lower-case `#rrggbb`) that none of `usedColors` has, compared ignoring case. */
export function pickDistinctColor(usedColors: Iterable<string>): string {
  const used = new Set([...usedColors].map((color) => color.toLowerCase()));
  used.add(BACKGROUND_COLOR);
  for (const color of candidateColors()) {
    if (!used.has(color)) return color;
  }
  throw new Error('unreachable: the candidate colours never end');
}

/** The red, green and blue bytes of a `#rrggbb` colour (either case): the one hex-colour parser. */
export function rgbOfHex(hexColor: string): [number, number, number] {
  const value = rgbValueOfHex(hexColor);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

/** A `#rrggbb` colour as one 24-bit number, for keying pixels by colour. */
export function rgbValueOfHex(hexColor: string): number {
  return Number.parseInt(hexColor.slice(1), 16);
}
