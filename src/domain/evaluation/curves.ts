// The ROC and precision–recall curves of a model version's test results, as chart columns (x ascending,
// as uPlot needs), from the curve points src/domain/metrics computes, and where a threshold sits on them.
import { type CurvePoint, precisionRecallCurve, rocCurve, type ThresholdSweep } from '../metrics';

export interface ChartCurve {
  x: number[];
  y: number[];
  /** The threshold of each point, highest first (ROC starts at +∞: nothing predicted anomalous). */
  thresholds: number[];
}

export interface EvaluationCurves {
  /** (false-positive rate, true-positive rate); null when the test images lack one of the classes. */
  roc: ChartCurve | null;
  /** (recall, precision); null without anomalous test images. */
  precisionRecall: ChartCurve | null;
}

function columns(points: readonly CurvePoint[]): ChartCurve {
  return { x: points.map((point) => point.x), y: points.map((point) => point.y), thresholds: points.map((point) => point.threshold) };
}

/**
 * Both curves follow the thresholds from highest to lowest, so FPR and recall never decrease along
 * them: the point order is already the ascending x order a chart draws in.
 */
export function evaluationCurves(sweep: ThresholdSweep): EvaluationCurves {
  return {
    roc: sweep.anomalousCount > 0 && sweep.normalCount > 0 ? columns(rocCurve(sweep)) : null,
    precisionRecall: sweep.anomalousCount > 0 ? columns(precisionRecallCurve(sweep)) : null,
  };
}

/**
 * The curve point whose outcome a threshold gives: the one at the lowest point threshold still ≥ it
 * (every image scoring at least that is anomalous). -1 when the threshold is above every point, e.g.
 * above all scores on the PR curve, whose precision is then undefined.
 */
export function curvePointIndexAt(curve: ChartCurve, threshold: number): number {
  let found = -1;
  curve.thresholds.forEach((pointThreshold, index) => {
    if (pointThreshold >= threshold) found = index;
  });
  return found;
}
