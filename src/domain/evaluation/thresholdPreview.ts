// The threshold what-if of spec §9 item 1, on a model version's stored test results: the slider's
// scale over the test scores, the image-level counts and precision / recall / F1 at any threshold
// (one ThresholdSweep, so moving the slider costs a binary search), and each test image's prediction
// and confidence at that threshold, decided as detection decides (IsAnomalous = score ≥ threshold).
import type { TestImageResult } from '../../contracts/evaluation';
import { type ClassificationSummary, type ConfusionCounts, summariseCounts, ThresholdSweep } from '../metrics';
import type { ImageClass } from '../types';
import { confidenceOf, type ConfidenceCalibration } from './confidence';

export interface ThresholdPreview extends ClassificationSummary {
  threshold: number;
  counts: ConfusionCounts;
}

export interface ThresholdSliderScale {
  min: number;
  max: number;
  /** A power of ten, so slider values print exactly. */
  step: number;
  /** Decimals that show every step. */
  decimals: number;
}

/** At least this many slider positions across the scores, so neighbouring scores can be told apart. */
const minimumSliderPositions = 200;
/** Scores (almost) all equal still get a slider this wide (score units), not one of 10⁻¹⁵ steps. */
const minimumSliderWidth = 0.01;

export function testScoreSweep(images: readonly TestImageResult[]): ThresholdSweep {
  return new ThresholdSweep(images.map(({ prediction, actual }) => ({ score: prediction.score, anomalous: actual === 'anomaly' })));
}

/** Counts and precision / recall / F1 on the test images when everything scoring ≥ `threshold` is anomalous. */
export function previewThreshold(sweep: ThresholdSweep, threshold: number): ThresholdPreview {
  if (!Number.isFinite(threshold)) throw new RangeError(`Threshold ${threshold} is not a finite number`);
  const counts = sweep.countsAt(threshold);
  return { threshold, counts, ...summariseCounts(counts) };
}

/** Each test image's prediction re-decided at `threshold` (verdict and confidence; scores and areas as stored). */
export function predictAt(images: readonly TestImageResult[], threshold: number, calibration: ConfidenceCalibration): TestImageResult[] {
  return images.map((image) => {
    const { score } = image.prediction;
    return {
      ...image,
      prediction: { ...image.prediction, threshold, isAnomalous: score >= threshold, confidence: confidenceOf(score, threshold, calibration) },
    };
  });
}

export function predictedClass(image: TestImageResult): ImageClass {
  return image.prediction.isAnomalous ? 'anomaly' : 'normal';
}

export function isCorrect(image: TestImageResult): boolean {
  return predictedClass(image) === image.actual;
}

/**
 * The slider's range: every test score and every threshold in `include` (the trained and the saved one),
 * widened to whole steps and kept within the 0–1 score scale.
 */
export function thresholdSliderScale(sweep: ThresholdSweep, include: readonly number[]): ThresholdSliderScale {
  const values = [...sweep.distinctScores, ...include].filter(Number.isFinite);
  const low = values.length > 0 ? Math.min(...values) : 0;
  const high = values.length > 0 ? Math.max(...values) : 1;
  const width = Math.max(high - low, minimumSliderWidth);
  const decimals = Math.max(0, Math.ceil(Math.log10(minimumSliderPositions / width)));
  const step = Number(`1e-${decimals}`);
  // Rounded in decimal so that min + k·step lands on printable values, and 0.15 / 0.001 counts as 150.
  const round = (value: number) => Number(value.toFixed(decimals));
  const steps = (value: number) => Number((value / step).toFixed(6));
  let min = Math.max(0, round(Math.floor(steps(low)) * step));
  let max = Math.min(1, round(Math.ceil(steps(high)) * step));
  // A single score still needs a range to slide over: one step up, or down at the top of the scale.
  if (max <= min) {
    if (min + step <= 1) max = round(min + step);
    else min = round(max - step);
  }
  return { min, max, step, decimals };
}
