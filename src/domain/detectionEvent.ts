// The detection event (spec §1) recorded for each detection outside trial jobs: what the camera and
// file detections append, built from a §4.1 result or from the reason an image could not be judged.
import type { DetectAnomalyResult } from '../../workers/engine/packaging/detect';
import type { DetectionEvent } from './types';

export interface DetectionEventContext {
  projectId: string;
  modelVersion: number;
  source: DetectionEvent['source'];
  timestampMs: number;
}

const backgroundName = 'background';

/** Per-label areas as 0–1 fractions, background left out (it is not an anomaly). */
export function labelAreasOf(result: DetectAnomalyResult): DetectionEvent['labelAreas'] {
  return (result.Anomalies ?? [])
    .filter((anomaly) => anomaly.Name !== backgroundName)
    .map((anomaly) => ({ label: anomaly.Name, area: anomaly.PixelAnomaly.TotalPercentageArea }));
}

export function detectionEventOf(context: DetectionEventContext, result: DetectAnomalyResult, latencyMs: number): DetectionEvent {
  return {
    ...context,
    isAnomalous: result.IsAnomalous,
    confidence: result.Confidence,
    anomalyScore: result.anomaly_score,
    labelAreas: labelAreasOf(result),
    latencyMs,
    invalid: null,
  };
}

/** An image that could not be judged: counted as neither processed nor anomalous (spec §7). */
export function invalidDetectionEventOf(context: DetectionEventContext, reason: string, latencyMs = 0): DetectionEvent {
  return { ...context, isAnomalous: false, confidence: 0, anomalyScore: 0, labelAreas: [], latencyMs, invalid: reason };
}
