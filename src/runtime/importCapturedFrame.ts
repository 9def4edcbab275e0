// Stores one camera frame in a dataset, classified as the operator says, through the ordinary import
// path (checked, de-duplicated, cropped to the project size when needed, committed all at once).
// Used by the dataset's camera capture and by the live camera's capture button (moved from datasets/capture).
import { UserFacingError } from '../domain/errors';
import type { Dataset, ImageClass } from '../domain/types';
import { issueToError } from '../domain/rules/issues';
import { prepareDatasetImport } from './datasetImport';

/**
 * Resolves once the frame is stored; rejects with the import's first problem otherwise, and when the dataset
 * already holds the very same picture (naming it, and its label when that is the opposite one).
 */
export async function importCapturedFrame(dataset: Pick<Dataset, 'id' | 'projectId'>, frame: Blob, classification: ImageClass): Promise<void> {
  const extension = frame.type === 'image/png' ? 'png' : 'jpg';
  const fileName = `capture-${new Date().toISOString().replaceAll(':', '-')}.${extension}`;
  // The folder name labels the image, as in a folder import (spec §2.6).
  const path = `${classification}/${fileName}`;
  const outcome = await prepareDatasetImport({
    projectId: dataset.projectId,
    datasetId: dataset.id,
    sources: [{ path, file: new File([frame], fileName, { type: frame.type }) }],
    fitMode: 'crop',
    signal: new AbortController().signal,
    onProgress: () => {},
  });
  if (outcome.status === 'failed') throw issueToError(outcome.errors[0]!);
  const duplicate = outcome.status === 'imported' ? outcome.report.skippedDuplicates[0] : undefined;
  if (duplicate?.conflictingLabels) {
    const { stored, skipped } = duplicate.conflictingLabels;
    throw new UserFacingError('common:capture.duplicateConflict', { holder: duplicate.duplicateOf, stored, skipped });
  }
  if (duplicate) throw new UserFacingError('common:capture.duplicate', { holder: duplicate.duplicateOf });
}
