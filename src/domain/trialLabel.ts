// The label a verified trial detection gives its image when it goes into a dataset (spec §7, item 6):
// a correct verification keeps the predicted class (and, for an anomaly, the predicted mask); an
// incorrect one takes the opposite class without a mask; a label fixed in the annotation tool wins.
import type { ImageClass, TrialResult } from './types';

export interface TrialLabel {
  classification: ImageClass;
  /** True when the result's stored mask (`maskId`) goes with the label. */
  withMask: boolean;
  /** Project label ids the mask holds; empty without a mask. */
  labelIds: string[];
}

export function predictedClassOf(result: Pick<TrialResult, 'prediction'>): ImageClass | null {
  if (!result.prediction) return null;
  return result.prediction.isAnomalous ? 'anomaly' : 'normal';
}

/** Null for an image that is unverified or was never judged: such images are never added. */
export function trialLabelOf(result: Pick<TrialResult, 'prediction' | 'verification' | 'correction' | 'maskId'>): TrialLabel | null {
  const predicted = predictedClassOf(result);
  if (!predicted || !result.verification) return null;
  if (result.correction) {
    const withMask = result.correction.classification === 'anomaly' && result.maskId !== null && result.correction.labelIds.length > 0;
    return { classification: result.correction.classification, withMask, labelIds: withMask ? [...result.correction.labelIds] : [] };
  }
  if (result.verification === 'incorrect') return { classification: predicted === 'anomaly' ? 'normal' : 'anomaly', withMask: false, labelIds: [] };
  // A mask is stored only when the model painted labels; a normal verdict keeps no mask (spec §5: masks only on anomalies).
  const withMask = predicted === 'anomaly' && result.maskId !== null && result.prediction!.labelIds.length > 0;
  return { classification: predicted, withMask, labelIds: withMask ? [...result.prediction!.labelIds] : [] };
}
