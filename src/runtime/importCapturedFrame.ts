// Stores one camera frame in a dataset, classified as the operator says, through the ordinary import
// path (checked, de-duplicated, cropped to the project size when needed, committed all at once).
// Used by the dataset's camera capture and by the live camera's capture button (moved from datasets/capture).
import { UserFacingError } from '../domain/errors';
import type { Dataset, ImageClass } from '../domain/types';
import { issueToError } from '../domain/rules/issues';
import { anomaliesNeedMasks } from '../domain/rules/modelType';
import { summarizeEntries } from '../domain/rules/summarizeEntries';
import { findEntry, listDatasets, listEntries } from '../storage/datasets';
import { openSpotcheckDb } from '../storage/db';
import { listAnomalyLabels } from '../storage/labels';
import { prepareDatasetImport } from './datasetImport';

export interface CapturedFrame {
  entryId: string;
  /** An anomaly captured into a segmentation project: it has no mask yet, and training waits for one. */
  needsMask: boolean;
}

/**
 * Resolves once the frame is stored; rejects with the import's first problem otherwise, and when the dataset
 * already holds the very same picture (naming it, and its label when that is the opposite one).
 */
export async function importCapturedFrame(dataset: Pick<Dataset, 'id' | 'projectId'>, frame: Blob, classification: ImageClass): Promise<CapturedFrame> {
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
  const db = await openSpotcheckDb();
  const entry = await findEntry(db, dataset.id, path);
  if (!entry) throw new UserFacingError('common:capture.lost', { file: path });
  return { entryId: entry.id, needsMask: classification === 'anomaly' && (await isSegmentationProject(dataset.projectId)) };
}

async function isSegmentationProject(projectId: string): Promise<boolean> {
  const db = await openSpotcheckDb();
  const [datasets, labels] = await Promise.all([listDatasets(db, projectId), listAnomalyLabels(db, projectId)]);
  const train = datasets.find((dataset) => dataset.type === 'train');
  return train !== undefined && anomaliesNeedMasks(summarizeEntries('train', await listEntries(db, train.id), labels));
}
