// The trial rules that need no page: the label a verified result gives its image, the gallery's
// filters and sorts, and a detection stored as its facts plus its label-index mask.
import { describe, expect, it } from 'vitest';
import { decodeLabelMask } from '../../src/domain/png';
import { trialLabelOf } from '../../src/domain/trialLabel';
import type { AnomalyLabel, TrialPrediction, TrialResult } from '../../src/domain/types';
import { defaultResultFilters, filterCounts, filterResults } from '../../src/trials/resultFilters';
import { trialPredictionOf } from '../../src/trials/trialPrediction';

const scratch: AnomalyLabel = { id: 'label-scratch', projectId: 'p', name: 'scratch', color: '#2ca02c', index: 1 };
const dent: AnomalyLabel = { id: 'label-dent', projectId: 'p', name: 'dent', color: '#1f77b4', index: 2 };

function prediction(isAnomalous: boolean, confidence: number, labelIds: string[] = []): TrialPrediction {
  return { isAnomalous, confidence, score: isAnomalous ? 0.5 + confidence / 2 : 0.5 - confidence / 2, threshold: 0.5, labelAreas: [], labelIds, latencyMs: 5 };
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
    expect(trialLabelOf(result(0, { ...maskedAnomaly, verification: 'correct' }))).toEqual({
      classification: 'anomaly',
      withMask: true,
      labelIds: [scratch.id],
    });
    expect(trialLabelOf(result(0, { prediction: prediction(false, 0.8), verification: 'correct' }))).toEqual({
      classification: 'normal',
      withMask: false,
      labelIds: [],
    });
  });
  it('takes the opposite class without a mask when incorrect', () => {
    expect(trialLabelOf(result(0, { ...maskedAnomaly, verification: 'incorrect' }))).toEqual({ classification: 'normal', withMask: false, labelIds: [] });
    expect(trialLabelOf(result(0, { prediction: prediction(false, 0.8), verification: 'incorrect' }))).toEqual({
      classification: 'anomaly',
      withMask: false,
      labelIds: [],
    });
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

describe('a trial detection as stored', () => {
  const facts = { score: 0.8, rawScore: 2.5, threshold: 0.5, isAnomalous: true, confidence: 0.9 };
  const labelAreas = [
    { index: 1, name: 'Scratch', area: 0.25 },
    { index: 2, name: 'dent', area: 0.125 },
    { index: 7, name: 'deleted since', area: 0.125 },
  ];

  it('keeps the label indices pixel for pixel (no colours), leaving labels deleted since as background', async () => {
    const labelMask = { width: 4, height: 2, indices: Uint8Array.of(0, 1, 1, 2, 7, 0, 0, 0) };
    const [stored, mask] = trialPredictionOf({ prediction: { ...facts, labelAreas, labelMask }, latencyMs: 12 }, [dent, scratch]);
    expect(stored).toEqual({ score: 0.8, threshold: 0.5, isAnomalous: true, confidence: 0.9, labelAreas, labelIds: [scratch.id, dent.id], latencyMs: 12 });
    const decoded = decodeLabelMask(new Uint8Array(await mask!.arrayBuffer()));
    expect([decoded.width, decoded.height]).toEqual([4, 2]);
    expect([...decoded.indices]).toEqual([0, 1, 1, 2, 0, 0, 0, 0]);
  });

  it('has no mask for classification results and masks without a project label', () => {
    expect(trialPredictionOf({ prediction: { ...facts, labelAreas: [] }, latencyMs: 3 }, [scratch])[1]).toBeNull();
    const onlyDeleted = { width: 2, height: 1, indices: Uint8Array.of(0, 7) };
    const [stored, mask] = trialPredictionOf({ prediction: { ...facts, labelAreas, labelMask: onlyDeleted }, latencyMs: 3 }, [scratch]);
    expect(mask).toBeNull();
    expect(stored.labelIds).toEqual([]);
  });
});
