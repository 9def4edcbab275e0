// What the progress view derives from the training worker's reports: the segmentation head's loss
// curve (one point per epoch) and durations split into minutes and seconds for display.
import type { TrainingProgressReport } from '../contracts/trainingWorkerApi';

export interface LossPoint {
  epoch: number;
  loss: number;
}

/** The curve with this report's epoch added; a repeated epoch replaces its point, other reports change nothing. */
export function withLossPoint(curve: readonly LossPoint[], report: TrainingProgressReport): readonly LossPoint[] {
  if (report.stage !== 'segmentation' || report.epoch === undefined || report.loss === undefined) return curve;
  const point = { epoch: report.epoch, loss: report.loss };
  const kept = curve.filter((existing) => existing.epoch !== report.epoch);
  return [...kept, point].sort((a, b) => a.epoch - b.epoch);
}

const msPerSecond = 1000;
const secondsPerMinute = 60;

/** Whole minutes and the remaining seconds (rounded up while time is left, so "0 s left" never shows early). */
export function splitDuration(durationMs: number): { minutes: number; seconds: number } {
  const totalSeconds = Math.max(0, Math.round(durationMs / msPerSecond));
  return { minutes: Math.floor(totalSeconds / secondsPerMinute), seconds: totalSeconds % secondsPerMinute };
}
