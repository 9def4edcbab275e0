// The F1-optimal decision threshold on labelled held-out scores. Candidates are the midpoints between
// adjacent distinct scores, so the threshold sits in the gap rather than on an observed score.
import { type ClassificationSummary, type LabelledScore, summariseCounts, ThresholdSweep } from '../../../src/domain/metrics';

export interface F1Threshold extends ClassificationSummary {
  threshold: number;
  /** The gap between adjacent distinct scores the threshold lies in: any threshold inside gives the same F1. */
  gap: { lower: number; upper: number };
}

/**
 * Among equal F1 the lowest threshold wins: it flags more parts, and at the same F1 a missed defect
 * that ships costs more than a false alarm that gets a second look.
 * Null when no threshold can separate anything: no anomalous or no normal image, or a single distinct score.
 */
export function f1OptimalThreshold(images: readonly LabelledScore[]): F1Threshold | null {
  const sweep = new ThresholdSweep(images);
  if (sweep.anomalousCount === 0 || sweep.normalCount === 0) return null;
  const points = sweep.operatingPoints();
  let best: F1Threshold | null = null;
  let bestF1 = -1;
  // Point j counts images scoring ≥ its score; the same images lie above the gap down to the next lower score.
  for (let index = 0; index + 1 < points.length; index += 1) {
    const { threshold: upper, counts } = points[index]!;
    const lower = points[index + 1]!.threshold;
    // 2TP / (2TP + FP + FN) is one correctly rounded division, so equal F1 values compare equal.
    const f1 = (2 * counts.truePositives) / (2 * counts.truePositives + counts.falsePositives + counts.falseNegatives);
    if (f1 >= bestF1) {
      bestF1 = f1;
      best = { threshold: gapMidpoint(lower, upper), gap: { lower, upper }, ...summariseCounts(counts) };
    }
  }
  return best;
}

/** The midpoint, unless rounding puts it on the lower score (adjacent floats), where the upper one is exact. */
export function gapMidpoint(lower: number, upper: number): number {
  const midpoint = lower + (upper - lower) / 2;
  return midpoint > lower ? midpoint : upper;
}
