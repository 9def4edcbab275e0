// Spec §1.3: the training dataset's labels decide the model type; a half-masked training
// dataset decides nothing until every anomalous image is masked or masks are ignored.
import type { ModelType } from '../types';
import { maskedAnomalous, type DatasetLabelSummary } from './datasetSummary';

export type ModelTypeDecision =
  | { status: 'decided'; modelType: ModelType }
  /** Some anomalous images have masks and `anomalousWithoutMask` do not; "Train as classification" resolves it. */
  | { status: 'blocked'; anomalousWithoutMask: number };

/** Masked anomalies in the training dataset make a segmentation project: every anomalous image then needs a mask. */
export function anomaliesNeedMasks(train: DatasetLabelSummary): boolean {
  return maskedAnomalous(train) > 0;
}

export function deriveModelType(train: DatasetLabelSummary, trainAsClassification = false): ModelTypeDecision {
  if (trainAsClassification || !anomaliesNeedMasks(train)) return { status: 'decided', modelType: 'classification' };
  if (train.anomalousWithoutMask > 0) return { status: 'blocked', anomalousWithoutMask: train.anomalousWithoutMask };
  return { status: 'decided', modelType: 'segmentation' };
}
