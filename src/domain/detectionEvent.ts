// The detection event (spec §1) recorded for each detection outside trial jobs: what the camera and
// file detections append, built from a prediction or from the reason an image could not be judged.
import type { Prediction } from '../contracts/prediction';
import type { DetectionEvent } from './types';

export interface DetectionEventContext {
  projectId: string;
  modelVersion: number;
  source: DetectionEvent['source'];
  timestampMs: number;
}

export function detectionEventOf(context: DetectionEventContext, prediction: Prediction, latencyMs: number): DetectionEvent {
  return {
    ...context,
    isAnomalous: prediction.isAnomalous,
    confidence: prediction.confidence,
    anomalyScore: prediction.score,
    labelAreas: prediction.labelAreas.map(({ name, area }) => ({ label: name, area })),
    latencyMs,
    invalid: null,
  };
}

/** An image that could not be judged: counted as neither processed nor anomalous (spec §7). */
export function invalidDetectionEventOf(context: DetectionEventContext, reason: string, latencyMs = 0): DetectionEvent {
  return { ...context, isAnomalous: false, confidence: 0, anomalyScore: 0, labelAreas: [], latencyMs, invalid: reason };
}
