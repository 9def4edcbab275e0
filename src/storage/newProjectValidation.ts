// Checks a complete new project (demo or re-imported ZIP) before anything is written, so every
// problem is reported with the label or entry at fault instead of surfacing as a failed write.
import { UserFacingError } from '../domain/errors';
import type { DatasetType, ImageSize } from '../domain/types';
import type { NewProjectEntry, NewProjectInput } from './newProject';
import { checkProjectImageSize } from '../domain/rules/imageFile';
import { issueToError } from '../domain/rules/issues';
import { maxLabelsPerMask } from '../domain/rules/limits';
import { assertLabelAcceptable, assertRoomForLabels } from './labelRules';
import { assertValidProjectName } from './projects';

/** What validateEntries needs of an entry; import commits check their items with it too. */
export type EntryToValidate = Pick<NewProjectEntry, 'sourceRef' | 'width' | 'height' | 'classification' | 'mask' | 'labelNames'>;

/** Throws the first problem found; the name's uniqueness is checked inside the write transaction. */
export function validateNewProject(input: NewProjectInput): void {
  assertValidProjectName(input.name);
  const sizeIssue = checkProjectImageSize(input.imageSize);
  if (sizeIssue) throw issueToError(sizeIssue);
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
  assertRoomForLabels(0, labels.length);
  labels.forEach((label, position) => assertLabelAcceptable(label, labels.slice(0, position)));
}

/** Throws the first entry problem: repeated source-ref, wrong size, mask/label/class mismatch, unknown label. */
export function validateEntries(
  { type, entries }: { type: DatasetType; entries: readonly EntryToValidate[] },
  imageSize: ImageSize,
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
    if (entry.labelNames.length > maxLabelsPerMask) {
      throw new UserFacingError('entry.tooManyLabels', { ...where, max: maxLabelsPerMask });
    }
    const unknownLabel = entry.labelNames.find((name) => !knownLabelNames.has(name.toLowerCase()));
    if (unknownLabel !== undefined) throw new UserFacingError('entry.unknownLabel', { ...where, label: unknownLabel });
  }
}
