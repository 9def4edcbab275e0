// A trial detection as the trial store keeps it: the prediction's facts, and its label-index mask as the
// label-index PNG the annotation tool reads (so a predicted mask can be corrected and added to a dataset).
import type { LabelMask } from '../contracts/prediction';
import { encodeLabelMaskPng } from '../domain/png';
import type { AnomalyLabel, TrialPrediction } from '../domain/types';
import type { DetectionOutput } from '../contracts/detectionWorkerApi';

/**
 * The stored result and its mask: the model's label-index mask as the label-index PNG the annotation tool
 * reads (so it can be corrected), pixels of labels deleted since training left as background.
 */
export function trialPredictionOf({ prediction, latencyMs }: DetectionOutput, labels: readonly AnomalyLabel[]): [TrialPrediction, Blob | null] {
  const { labelMask, anomalyMap: _map, rawScore: _rawScore, ...facts } = prediction;
  const known = labelMask ? withKnownLabels(labelMask, labels) : null;
  const stored: TrialPrediction = { ...facts, labelIds: known?.labelIds ?? [], latencyMs };
  const mask = known ? new Blob([encodeLabelMaskPng(known.indices, known.width, known.height) as Uint8Array<ArrayBuffer>], { type: 'image/png' }) : null;
  return [stored, mask];
}

/** Null when no pixel carries a project label. */
function withKnownLabels(mask: LabelMask, labels: readonly AnomalyLabel[]): (LabelMask & { labelIds: string[] }) | null {
  const byIndex = new Map(labels.map((label) => [label.index, label]));
  const indices = mask.indices.map((index) => (byIndex.has(index) ? index : 0));
  const present = [...new Set(indices)].filter((index) => index !== 0).sort((a, b) => a - b);
  if (present.length === 0) return null;
  return { width: mask.width, height: mask.height, indices, labelIds: present.map((index) => byIndex.get(index)!.id) };
}
