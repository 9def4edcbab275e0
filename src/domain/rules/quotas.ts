// Spec §5 quotas that refuse a whole import or action: images per dataset and per trial
// detection, anomaly labels per project and per mask.
import type { DatasetType, ModelType } from '../types';
import { errorIssue, type ValidationIssue } from './issues';
import { maxDatasetImages, maxLabelsPerMask, maxLabelsPerProject, maxTrialImages } from './limits';

/** `imageCount` is what the dataset would hold after the import. */
export function checkDatasetCapacity(datasetType: DatasetType, modelType: ModelType, imageCount: number): ValidationIssue | null {
  const max = maxDatasetImages[modelType][datasetType];
  return imageCount > max ? errorIssue('import:quota.datasetImages', { images: imageCount, max }) : null;
}

export function checkTrialImageCount(imageCount: number): ValidationIssue | null {
  return imageCount > maxTrialImages ? errorIssue('import:quota.trialImages', { images: imageCount, max: maxTrialImages }) : null;
}

/**
 * `labelCount` is what the project would have after the import; `existing` what it has now. The
 * message names the new label, its line and both counts, never only the limit.
 */
export function checkProjectLabelCount(labelCount: number, where: { mask: string; line: number; name: string; existing: number }): ValidationIssue | null {
  if (labelCount <= maxLabelsPerProject) return null;
  return errorIssue('import:quota.projectLabels', { ...where, count: labelCount, added: labelCount - where.existing, max: maxLabelsPerProject });
}

export function checkMaskLabelCount(labelCount: number, where: { mask: string; line: number }): ValidationIssue | null {
  return labelCount > maxLabelsPerMask ? errorIssue('import:quota.maskLabels', { ...where, labels: labelCount, max: maxLabelsPerMask }) : null;
}
