// The anomaly labels the generator can draw, in label-index order: a mask pixel holding n belongs
// to SYNTHETIC_DEFECTS[n - 1], and 0 means no anomaly.

export type DefectType = 'scratch' | 'dent' | 'missing-component';

export interface SyntheticDefect {
  type: DefectType;
  /** The anomaly label's name in a project. */
  name: string;
  /** The label's display colour, '#rrggbb' lower case. */
  color: string;
}

export const SYNTHETIC_DEFECTS: readonly SyntheticDefect[] = [
  { type: 'scratch', name: 'scratch', color: '#e6194b' },
  { type: 'dent', name: 'dent', color: '#f58231' },
  { type: 'missing-component', name: 'missing-component', color: '#4363d8' },
];

/** The mask value for `type`: its position in SYNTHETIC_DEFECTS plus one. */
export function defectLabelIndex(type: DefectType): number {
  const index = SYNTHETIC_DEFECTS.findIndex((defect) => defect.type === type);
  if (index < 0) throw new RangeError(`Unknown defect type: ${String(type)}`);
  return index + 1;
}
