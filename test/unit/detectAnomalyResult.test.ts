// Spec §4.1 `DetectAnomalyResult` as a serialisation of the one prediction type: byte for byte what detection
// returned before the prediction type existed (the fixture was written by that code from the same mask),
// and a classification result without the segmentation fields.
import { describe, expect, it } from 'vitest';
import { labelAreasOf } from '../../src/domain/masks/labelAreas';
import type { Prediction } from '../../src/contracts/prediction';
import { toDetectAnomalyResult } from '../../workers/engine/packaging';
import fixture from '../fixtures/detectAnomalyResult.segmentation.json?raw';

const labels = [
  { name: 'scratch', color: '#2ca02c', index: 1 },
  { name: 'dent', color: '#1F77B4', index: 2 },
  { name: 'missing part', color: '#d62728', index: 3 },
];

/** 8×4 px: label 1 every 5th pixel, 3 every 7th, and a value 9 of no label (reported as background). */
function fixtureMask() {
  const indices = new Uint8Array(8 * 4);
  for (let i = 0; i < indices.length; i++) indices[i] = i % 5 === 0 ? 1 : i % 7 === 0 ? 3 : i % 11 === 0 ? 9 : 0;
  return { width: 8, height: 4, indices };
}

const facts = { score: 0.6180339887498949, rawScore: 4.2, threshold: 0.5, isAnomalous: true, confidence: 0.8765432109876543 };

describe('toDetectAnomalyResult', () => {
  it('writes the segmentation result byte for byte as before', () => {
    const labelMask = fixtureMask();
    const prediction: Prediction = { ...facts, labelAreas: labelAreasOf(labelMask, labels), labelMask };
    expect(`${JSON.stringify({ DetectAnomalyResult: toDetectAnomalyResult(prediction, labels) }, null, 2)}\n`).toBe(fixture);
  });

  it('leaves out Anomalies and AnomalyMask for a classification prediction', () => {
    expect(toDetectAnomalyResult({ ...facts, labelAreas: [] }, labels)).toEqual({
      Source: { Type: 'direct' },
      IsAnomalous: true,
      Confidence: facts.confidence,
      anomaly_score: facts.score,
      anomaly_threshold: 0.5,
    });
  });
});
