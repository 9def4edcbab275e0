// The writer side (spec §3.1): manifest lines that this parser and Lookout for Vision both read,
// so that exporting and re-importing a dataset reproduces it.
import type { ImageClass } from '../types';
import { internalColorMap } from './colorMap';
import { classificationType, segmentationType } from './parseLine';
import type { ManifestEntry } from './types';

const labelAttribute = 'anomaly-label';
const maskRefKey = 'anomaly-mask-ref';

export interface ClassificationLineFields {
  sourceRef: string;
  /** Written as `class-name`, as given. */
  className: string;
  classification: ImageClass;
  humanAnnotated: boolean;
  creationDate: string | null;
  jobName: string | null;
}

/** Key order of the spec's examples; optional keys only when known. */
export function classificationLineObject(fields: ClassificationLineFields): Record<string, unknown> {
  const { sourceRef, className, classification, humanAnnotated, creationDate, jobName } = fields;
  return {
    'source-ref': sourceRef,
    [labelAttribute]: classification === 'anomaly' ? 1 : 0,
    [`${labelAttribute}-metadata`]: {
      confidence: 1,
      ...(jobName === null ? {} : { 'job-name': jobName }),
      'class-name': className,
      'human-annotated': humanAnnotated ? 'yes' : 'no',
      ...(creationDate === null ? {} : { 'creation-date': creationDate }),
      type: classificationType,
    },
  };
}

export type EntryToWrite = Omit<ManifestEntry, 'lineNumber' | 'mask'>;

function lineObject(entry: EntryToWrite): Record<string, unknown> {
  // An unlabeled image is a line with only its source-ref (spec §2.2).
  const { classification } = entry;
  if (classification === null) return { 'source-ref': entry.sourceRef };
  return classificationLineObject({ ...entry, classification, className: classification });
}

export function formatClassificationLine(entry: EntryToWrite): string {
  return JSON.stringify(lineObject(entry));
}

export interface LabelToWrite {
  name: string;
  /** `#rrggbb`; written lower case. */
  color: string;
}

export type MaskToWrite = Pick<NonNullable<ManifestEntry['mask']>, 'ref' | 'humanAnnotated' | 'creationDate' | 'jobName'>;

/**
 * `labels` are the project's labels in index order: the mask PNG written next to this line
 * paints index i in `labels[i - 1].color`, background in #ffffff.
 */
export function formatSegmentationLine(entry: EntryToWrite & { mask: MaskToWrite }, labels: readonly LabelToWrite[]): string {
  const { mask } = entry;
  const colorMap = internalColorMap(labels);
  return JSON.stringify({
    ...lineObject(entry),
    [maskRefKey]: mask.ref,
    [`${maskRefKey}-metadata`]: {
      'internal-color-map': colorMap,
      type: segmentationType,
      'human-annotated': mask.humanAnnotated ? 'yes' : 'no',
      ...(mask.creationDate === null ? {} : { 'creation-date': mask.creationDate }),
      ...(mask.jobName === null ? {} : { 'job-name': mask.jobName }),
    },
  });
}
