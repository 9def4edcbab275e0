// Image-level results at any threshold from one sort of the scores: the threshold slider's what-if
// preview (spec §9 item 1), the operating points behind ROC / PR curves, and threshold calibration.
import { type ClassificationSummary, type ConfusionCounts, type LabelledScore, summariseCounts } from './confusion';

/** The outcome when the threshold equals one of the distinct scores (everything at or above it is anomalous). */
export interface OperatingPoint {
  threshold: number;
  counts: ConfusionCounts;
}

export class ThresholdSweep {
  readonly anomalousCount: number;
  readonly normalCount: number;
  /** Distinct scores, highest first. */
  readonly distinctScores: Float64Array;
  /** Scores sorted highest first. */
  private readonly sortedScores: Float64Array;
  /** anomalousAtOrAbove[i] = anomalous images among the i highest-scored ones. */
  private readonly anomalousAtOrAbove: Uint32Array;

  constructor(images: readonly LabelledScore[]) {
    for (const image of images) {
      if (Number.isNaN(image.score)) throw new RangeError('An anomaly score is NaN');
    }
    const order = images.map((_, index) => index).sort((a, b) => images[b]!.score - images[a]!.score);
    this.sortedScores = new Float64Array(order.length);
    this.anomalousAtOrAbove = new Uint32Array(order.length + 1);
    const distinct: number[] = [];
    order.forEach((imageIndex, rank) => {
      const image = images[imageIndex]!;
      this.sortedScores[rank] = image.score;
      this.anomalousAtOrAbove[rank + 1] = this.anomalousAtOrAbove[rank]! + (image.anomalous ? 1 : 0);
      if (distinct.length === 0 || distinct[distinct.length - 1] !== image.score) distinct.push(image.score);
    });
    this.distinctScores = Float64Array.from(distinct);
    this.anomalousCount = this.anomalousAtOrAbove[order.length]!;
    this.normalCount = order.length - this.anomalousCount;
  }

  get imageCount(): number {
    return this.sortedScores.length;
  }

  /** Counts for `IsAnomalous = score >= threshold`, in O(log n). */
  countsAt(threshold: number): ConfusionCounts {
    return this.countsForTopRanked(this.rankedAtOrAbove(threshold));
  }

  summaryAt(threshold: number): ClassificationSummary {
    return summariseCounts(this.countsAt(threshold));
  }

  /** One point per distinct score, highest threshold first; the last one predicts every image anomalous. */
  operatingPoints(): OperatingPoint[] {
    return Array.from(this.distinctScores, (threshold) => ({ threshold, counts: this.countsAt(threshold) }));
  }

  /** Number of images with score >= threshold: binary search over the descending scores. */
  private rankedAtOrAbove(threshold: number): number {
    let low = 0;
    let high = this.sortedScores.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.sortedScores[middle]! >= threshold) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private countsForTopRanked(predictedAnomalous: number): ConfusionCounts {
    const truePositives = this.anomalousAtOrAbove[predictedAnomalous]!;
    const falsePositives = predictedAnomalous - truePositives;
    return {
      truePositives,
      falsePositives,
      falseNegatives: this.anomalousCount - truePositives,
      trueNegatives: this.normalCount - falsePositives,
    };
  }
}
