// The trial rules that need no page: the label a verified result gives its image, the gallery's
// filters and sorts, and a detection's colour AnomalyMask turned back into project label indices.
import { describe, expect, it } from 'vitest';
import { encodeRgbaPng } from '../../src/domain/png';
import { trialLabelOf } from '../../src/domain/trialLabel';
import type { AnomalyLabel, TrialPrediction, TrialResult } from '../../src/domain/types';
import { predictedLabelMask } from '../../src/trials/predictedMask';
import { defaultResultFilters, filterCounts, filterResults } from '../../src/trials/resultFilters';
import type { DetectAnomalyResult } from '../../workers/engine/packaging/detect';

const scratch: AnomalyLabel = { id: 'label-scratch', projectId: 'p', name: 'scratch', color: '#2ca02c', index: 1 };
const dent: AnomalyLabel = { id: 'label-dent', projectId: 'p', name: 'dent', color: '#1f77b4', index: 2 };

function prediction(isAnomalous: boolean, confidence: number, labelIds: string[] = []): TrialPrediction {
  return { isAnomalous, confidence, anomalyScore: isAnomalous ? 0.5 + confidence / 2 : 0.5 - confidence / 2, anomalyThreshold: 0.5, labelAreas: [], labelIds, latencyMs: 5 };
}

function result(position: number, fields: Partial<TrialResult> = {}): TrialResult {
  return {
    id: `r${position}`,
    jobId: 'job',
    projectId: 'p',
    imageId: `i${position}`,
    maskId: null,
    position,
    fileName: `${position}.png`,
    contentHash: String(position),
    width: 4,
    height: 2,
    prediction: null,
    error: null,
    verification: null,
    correction: null,
    addedToDatasetId: null,
    ...fields,
  };
}

describe('the label a verified trial result adds', () => {
  const maskedAnomaly = { prediction: prediction(true, 0.9, [scratch.id]), maskId: 'm' };
  it('is none for unverified or unjudged results', () => {
    expect(trialLabelOf(result(0, maskedAnomaly))).toBeNull();
    expect(trialLabelOf(result(0, { verification: 'correct' }))).toBeNull();
  });
  it('keeps the prediction and its mask when correct', () => {
    expect(trialLabelOf(result(0, { ...maskedAnomaly, verification: 'correct' }))).toEqual({ classification: 'anomaly', withMask: true, labelIds: [scratch.id] });
    expect(trialLabelOf(result(0, { prediction: prediction(false, 0.8), verification: 'correct' }))).toEqual({ classification: 'normal', withMask: false, labelIds: [] });
  });
  it('takes the opposite class without a mask when incorrect', () => {
    expect(trialLabelOf(result(0, { ...maskedAnomaly, verification: 'incorrect' }))).toEqual({ classification: 'normal', withMask: false, labelIds: [] });
    expect(trialLabelOf(result(0, { prediction: prediction(false, 0.8), verification: 'incorrect' }))).toEqual({ classification: 'anomaly', withMask: false, labelIds: [] });
  });
  it('takes a correction over the verification', () => {
    const corrected = result(0, { ...maskedAnomaly, verification: 'incorrect', correction: { classification: 'anomaly', labelIds: [dent.id] } });
    expect(trialLabelOf(corrected)).toEqual({ classification: 'anomaly', withMask: true, labelIds: [dent.id] });
  });
});

describe('the trial results gallery', () => {
  const results = [
    result(0, { prediction: prediction(true, 0.7, [scratch.id]), verification: 'correct' }),
    result(1, { prediction: prediction(false, 0.95) }),
    result(2, { error: 'not a PNG or JPEG' }),
    result(3, { prediction: prediction(true, 0.99, [dent.id]), verification: 'incorrect' }),
    result(4),
  ];
  const ids = (shown: TrialResult[]) => shown.map((shownResult) => shownResult.position);

  it('filters by prediction, verification and label', () => {
    expect(ids(filterResults(results, { ...defaultResultFilters, prediction: 'anomaly' }))).toEqual([0, 3]);
    expect(ids(filterResults(results, { ...defaultResultFilters, prediction: 'unreadable' }))).toEqual([2]);
    expect(ids(filterResults(results, { ...defaultResultFilters, prediction: 'pending' }))).toEqual([4]);
    expect(ids(filterResults(results, { ...defaultResultFilters, verification: 'unverified' }))).toEqual([1, 2, 4]);
    expect(ids(filterResults(results, { ...defaultResultFilters, labelId: dent.id }))).toEqual([3]);
    expect(filterCounts(results)).toEqual({ anomaly: 2, normal: 1, unreadable: 1, pending: 1, unverified: 3, correct: 1, incorrect: 1 });
  });

  it('sorts by confidence either way, unjudged results last', () => {
    expect(ids(filterResults(results, { ...defaultResultFilters, sort: 'confidenceDesc' }))).toEqual([3, 1, 0, 2, 4]);
    expect(ids(filterResults(results, { ...defaultResultFilters, sort: 'confidenceAsc' }))).toEqual([0, 1, 3, 2, 4]);
    expect(ids(filterResults(results, { ...defaultResultFilters, sort: 'scoreDesc' }))).toEqual([3, 0, 1, 2, 4]);
  });
});

describe('a predicted AnomalyMask as project label indices', () => {
  function detection(pixels: string[], anomalies: { Name: string; Color: string }[]): DetectAnomalyResult {
    const rgba = new Uint8Array(pixels.length * 4);
    pixels.forEach((hex, i) => {
      const value = Number.parseInt(hex.slice(1), 16);
      rgba.set([(value >> 16) & 255, (value >> 8) & 255, value & 255, 255], i * 4);
    });
    return {
      Source: { Type: 'direct' },
      IsAnomalous: true,
      Confidence: 0.9,
      Anomalies: [{ Name: 'background', PixelAnomaly: { TotalPercentageArea: 0.5, Color: '#FFFFFF' } }, ...anomalies.map(({ Name, Color }) => ({ Name, PixelAnomaly: { TotalPercentageArea: 0.25, Color } }))],
      AnomalyMask: btoa(String.fromCharCode(...encodeRgbaPng(rgba, 4, 2))),
      anomaly_score: 0.8,
      anomaly_threshold: 0.5,
    };
  }

  it('maps each label colour to the project label of the same name, background to 0', () => {
    // Trained when "Scratch" was #ff0000: the name still finds today's label and index.
    const result = detection(['#FFFFFF', '#FF0000', '#FF0000', '#1F77B4', '#FFFFFF', '#FFFFFF', '#FFFFFF', '#FFFFFF'], [
      { Name: 'Scratch', Color: '#FF0000' },
      { Name: 'dent', Color: '#1F77B4' },
    ]);
    const mask = predictedLabelMask(result, [scratch, dent]);
    expect(mask).not.toBeNull();
    expect([...mask!.mask]).toEqual([0, 1, 1, 2, 0, 0, 0, 0]);
    expect(mask!.labelIds).toEqual([scratch.id, dent.id]);
    expect([mask!.width, mask!.height]).toEqual([4, 2]);
  });

  it('is null for classification results and masks without labelled pixels', () => {
    const { AnomalyMask: _mask, Anomalies: _anomalies, ...classification } = detection(Array(8).fill('#FFFFFF'), []);
    expect(predictedLabelMask(classification, [scratch])).toBeNull();
    expect(predictedLabelMask(detection(Array(8).fill('#FFFFFF'), []), [scratch])).toBeNull();
  });
});
