// Per-anomaly-label pixel metrics of spec §6, accumulated one test image at a time so a full
// segmentation test set (800 images at 576x768) never has to be held in memory at once.
import type { PixelLabelMetrics } from '../../contracts/metrics';
import { summarise } from './confusion';

/** An anomaly label as it appears in label-index masks (index 0 is BACKGROUND and never listed). */
export interface MaskLabel {
  index: number;
  name: string;
}

export type { PixelLabelMetrics };

/** Mask values are bytes, so one counter per possible value covers every label. */
const maskValueCount = 256;

export class PixelMetricsAccumulator {
  private readonly labels: readonly MaskLabel[];
  private readonly truePositivePixels = new Float64Array(maskValueCount);
  private readonly predictedPixels = new Float64Array(maskValueCount);
  private readonly groundTruthPixels = new Float64Array(maskValueCount);
  private readonly iouSum = new Float64Array(maskValueCount);
  private readonly iouImages = new Uint32Array(maskValueCount);
  private readonly testImages = new Uint32Array(maskValueCount);
  /** Per-image scratch counters, reused across images. */
  private readonly imageIntersection = new Uint32Array(maskValueCount);
  private readonly imagePredicted = new Uint32Array(maskValueCount);
  private readonly imageGroundTruth = new Uint32Array(maskValueCount);

  constructor(labels: readonly MaskLabel[]) {
    for (const label of labels) {
      if (!Number.isInteger(label.index) || label.index < 1 || label.index >= maskValueCount) {
        throw new RangeError(`Anomaly label "${label.name}" has index ${label.index}; expected 1–255`);
      }
    }
    this.labels = labels;
  }

  /** Adds one test image: predicted and ground-truth label-index masks of the same size. */
  add(predicted: Uint8Array, groundTruth: Uint8Array): void {
    if (predicted.length !== groundTruth.length) {
      throw new RangeError(`Mask sizes differ: ${predicted.length} predicted vs ${groundTruth.length} ground-truth pixels`);
    }
    this.imageIntersection.fill(0);
    this.imagePredicted.fill(0);
    this.imageGroundTruth.fill(0);
    for (let pixel = 0; pixel < predicted.length; pixel += 1) {
      const predictedValue = predicted[pixel]!;
      const groundTruthValue = groundTruth[pixel]!;
      this.imagePredicted[predictedValue]! += 1;
      this.imageGroundTruth[groundTruthValue]! += 1;
      if (predictedValue === groundTruthValue) this.imageIntersection[predictedValue]! += 1;
    }
    for (const { index } of this.labels) {
      const intersection = this.imageIntersection[index]!;
      const union = this.imagePredicted[index]! + this.imageGroundTruth[index]! - intersection;
      this.truePositivePixels[index]! += intersection;
      this.predictedPixels[index]! += this.imagePredicted[index]!;
      this.groundTruthPixels[index]! += this.imageGroundTruth[index]!;
      if (union > 0) {
        this.iouSum[index]! += intersection / union;
        this.iouImages[index]! += 1;
      }
      if (this.imageGroundTruth[index]! > 0) this.testImages[index]! += 1;
    }
  }

  /** One entry per label, in the order the labels were given. */
  results(): PixelLabelMetrics[] {
    return this.labels.map(({ index, name }) => {
      const truePositivePixels = this.truePositivePixels[index]!;
      const falsePositivePixels = this.predictedPixels[index]! - truePositivePixels;
      const falseNegativePixels = this.groundTruthPixels[index]! - truePositivePixels;
      const iouImages = this.iouImages[index]!;
      return {
        labelIndex: index,
        name,
        ...summarise(truePositivePixels, falsePositivePixels, falseNegativePixels),
        truePositivePixels,
        falsePositivePixels,
        falseNegativePixels,
        meanIoU: iouImages === 0 ? 0 : this.iouSum[index]! / iouImages,
        testImages: this.testImages[index]!,
      };
    });
  }
}
