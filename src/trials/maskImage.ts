// Mask pictures for display: a stored label-index mask drawn like a detection's `AnomalyMask` (label
// colours on white, spec §4.1), and either one as a data URL for an <img> laid over its image.
import { decodeLabelMaskPng } from '../domain/png';
import type { AnomalyLabel } from '../domain/types';
import { segmentationFields } from '../../workers/engine/packaging/segmentationResult';

export function anomalyMaskUrl(anomalyMaskBase64: string): string {
  return `data:image/png;base64,${anomalyMaskBase64}`;
}

/** A stored label-index mask PNG in the project's label colours, on white. */
export async function labelMaskUrl(mask: Blob, labels: readonly AnomalyLabel[]): Promise<string> {
  const decoded = decodeLabelMaskPng(new Uint8Array(await mask.arrayBuffer()));
  const { AnomalyMask } = segmentationFields(decoded.mask, decoded.width, decoded.height, labels);
  return anomalyMaskUrl(AnomalyMask);
}
