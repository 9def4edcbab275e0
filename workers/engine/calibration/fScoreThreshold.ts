// The F-score-optimal decision threshold on labelled held-out scores (F1, or F2 where a miss weighs more).
// Candidates are the midpoints between adjacent distinct scores, so the threshold sits in the gap rather
// than on an observed score.
import { type ClassificationSummary, type LabelledScore, summariseCounts, ThresholdSweep } from '../../../src/domain/metrics';

export interface FScoreThreshold extends ClassificationSummary {
  threshold: number;
  /** The gap between adjacent distinct scores the threshold lies in: any threshold inside gives the same F-score. */
  gap: { lower: number; upper: number };
}

/**
 * `missWeight` = β² of the F-score: how many false alarms one missed anomaly counts as (1: F1, 4: F2).
 * Among equal F-scores the lowest threshold wins: it flags more parts, and at the same score a missed defect
 * that ships costs more than a false alarm that gets a second look.
 * Null when no threshold can separate anything: no anomalous or no normal image, or a single distinct score.
 */
export function fScoreOptimalThreshold(images: readonly LabelledScore[], missWeight: number): FScoreThreshold | null {
  const sweep = new ThresholdSweep(images);
  if (sweep.anomalousCount === 0 || sweep.normalCount === 0) return null;
  const points = sweep.operatingPoints();
  let best: FScoreThreshold | null = null;
  let bestScore = -1;
  // Point j counts images scoring ≥ its score; the same images lie above the gap down to the next lower score.
  for (let index = 0; index + 1 < points.length; index += 1) {
    const { threshold: upper, counts } = points[index]!;
    const lower = points[index + 1]!.threshold;
    // (1 + β²)TP / ((1 + β²)TP + FP + β²FN): integers for an integer β² and one correctly rounded division,
    // so equal scores compare equal.
    const weightedHits = (1 + missWeight) * counts.truePositives;
    const score = weightedHits / (weightedHits + counts.falsePositives + missWeight * counts.falseNegatives);
    if (score >= bestScore) {
      bestScore = score;
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
