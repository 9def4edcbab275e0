// `Confidence` of spec §4.1: Confidence = σ(slope · |score − threshold|), 0.5 at the threshold and rising
// with the distance from it. Detection (the engine and the ONNX graph), training and the threshold preview
// all decide it here; the slope is fitted by the engine (workers/engine/calibration/confidence.ts).

import type { ConfidenceCalibration } from '../../contracts/metrics';

export type { ConfidenceCalibration };

export function confidenceOf(score: number, threshold: number, calibration: ConfidenceCalibration): number {
  return 1 / (1 + Math.exp(-calibration.slope * Math.abs(score - threshold)));
}
