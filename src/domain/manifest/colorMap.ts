// The `internal-color-map` every written mask line carries (spec §2.3, §3.1, §3.2): entry "0" is
// BACKGROUND #ffffff, then the project's labels in mask-index order, colours lower case.
import { backgroundClassName, backgroundColor } from './parseLine';

/** A colour-map row other than BACKGROUND. */
export interface ColorMapLabel {
  name: string;
  /** `#rrggbb`. */
  color: string;
}

export interface InternalColorMapEntryJson {
  'class-name': string;
  'hex-color': string;
  /** Unused by readers; written as the spec's 0.0. */
  confidence: number;
}

export type InternalColorMapJson = Record<string, InternalColorMapEntryJson>;

export function internalColorMap(labels: readonly ColorMapLabel[]): InternalColorMapJson {
  const map: InternalColorMapJson = {};
  [{ name: backgroundClassName, color: backgroundColor }, ...labels].forEach((label, index) => {
    map[String(index)] = { 'class-name': label.name, 'hex-color': label.color.toLowerCase(), confidence: 0 };
  });
  return map;
}
