// Checks a complete new project (demo or re-imported ZIP) before anything is written, so every
// problem is reported with the label or entry at fault instead of surfacing as a failed write.
import { UserFacingError } from '../domain/errors';
import type { NewProjectInput } from './importProject';
import { assertValidProjectName } from './projects';

/** Spec §5. */
export const MAX_ANOMALY_LABELS_PER_PROJECT = 100;
export const MAX_ANOMALY_LABELS_PER_IMAGE = 20;

const HEX_COLOR_PATTERN = /^#[0-9a-f]{6}$/i;
/** Index 0 of every mask; a label may not pose as it (spec §2.4). */
const BACKGROUND_NAME = 'background';
const BACKGROUND_COLOR = '#ffffff';

/** Throws the first problem found; the name's uniqueness is checked inside the write transaction. */
export function validateNewProject(input: NewProjectInput): void {
  assertValidProjectName(input.name);
  validateLabels(input.labels);
  const knownLabelNames = new Set(input.labels.map((label) => label.name.toLowerCase()));
  const seenTypes = new Set<string>();
  for (const dataset of input.datasets) {
    if (seenTypes.has(dataset.type)) throw new UserFacingError('dataset.duplicateType', { type: dataset.type });
    seenTypes.add(dataset.type);
    validateEntries(dataset, input.imageSize, knownLabelNames);
  }
}

function validateLabels(labels: NewProjectInput['labels']): void {
  if (labels.length > MAX_ANOMALY_LABELS_PER_PROJECT) {
    throw new UserFacingError('label.limitExceeded', { count: labels.length, max: MAX_ANOMALY_LABELS_PER_PROJECT });
  }
  const labelByName = new Map<string, string>();
  const labelByColor = new Map<string, string>();
  for (const { name, color } of labels) {
    if (!HEX_COLOR_PATTERN.test(color)) throw new UserFacingError('label.colorInvalid', { name, color });
    const [lowerName, lowerColor] = [name.toLowerCase(), color.toLowerCase()];
    if (lowerName === BACKGROUND_NAME || lowerColor === BACKGROUND_COLOR) {
      throw new UserFacingError('label.reserved', { name, color: lowerColor });
    }
    if (labelByName.has(lowerName)) throw new UserFacingError('label.nameTaken', { name });
    const colorHolder = labelByColor.get(lowerColor);
    if (colorHolder !== undefined) {
      throw new UserFacingError('label.colorTaken', { name, color: lowerColor, other: colorHolder });
    }
    labelByName.set(lowerName, name);
    labelByColor.set(lowerColor, name);
  }
}

function validateEntries(
  { type, entries }: NewProjectInput['datasets'][number],
  imageSize: NewProjectInput['imageSize'],
  knownLabelNames: ReadonlySet<string>,
): void {
  const seenSourceRefs = new Set<string>();
  for (const entry of entries) {
    const where = { dataset: type, sourceRef: entry.sourceRef };
    if (seenSourceRefs.has(entry.sourceRef)) throw new UserFacingError('entry.duplicateSourceRef', where);
    seenSourceRefs.add(entry.sourceRef);
    if (entry.width !== imageSize.width || entry.height !== imageSize.height) {
      throw new UserFacingError('entry.sizeMismatch', {
        ...where,
        width: entry.width,
        height: entry.height,
        projectWidth: imageSize.width,
        projectHeight: imageSize.height,
      });
    }
    if (entry.mask && entry.classification !== 'anomaly') throw new UserFacingError('entry.maskNotAnomalous', where);
    // Label names say which indices the mask holds, so one never comes without the other.
    if (entry.mask && entry.labelNames.length === 0) throw new UserFacingError('entry.maskWithoutLabels', where);
    if (!entry.mask && entry.labelNames.length > 0) throw new UserFacingError('entry.labelsWithoutMask', where);
    if (entry.labelNames.length > MAX_ANOMALY_LABELS_PER_IMAGE) {
      throw new UserFacingError('entry.tooManyLabels', { ...where, max: MAX_ANOMALY_LABELS_PER_IMAGE });
    }
    const unknownLabel = entry.labelNames.find((name) => !knownLabelNames.has(name.toLowerCase()));
    if (unknownLabel !== undefined) throw new UserFacingError('entry.unknownLabel', { ...where, label: unknownLabel });
  }
}
