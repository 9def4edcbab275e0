// The normalized form of one SageMaker Ground Truth manifest line (spec §2.2, §2.3), shared by
// the parser, the writers and the importers.
import type { ImageClass } from '../types';

export interface ColorMapEntry {
  className: string;
  /** `#rrggbb`, lower case. */
  hexColor: string;
  /** `BACKGROUND` (any case) or `#ffffff`, never the map key (spec §2.4). */
  isBackground: boolean;
}

export interface ManifestMask {
  /** The mask ref as written, before resolution. */
  ref: string;
  /** The key that held it, e.g. `anomaly-mask-ref`. */
  refKey: string;
  colorMap: ColorMapEntry[];
  humanAnnotated: boolean;
  /** ISO 8601 UTC when it parsed, else the raw text; null when absent. */
  creationDate: string | null;
  jobName: string | null;
}

export interface ManifestEntry {
  lineNumber: number;
  sourceRef: string;
  /** Null: unlabeled (only `source-ref`, or a class name other than normal/anomaly). */
  classification: ImageClass | null;
  humanAnnotated: boolean;
  creationDate: string | null;
  jobName: string | null;
  /** Only on anomalous lines; a mask on any other line is dropped with a warning. */
  mask: ManifestMask | null;
}
