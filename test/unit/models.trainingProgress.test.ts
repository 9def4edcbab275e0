// The progress view's pure parts: the loss curve gathered from worker reports, durations for display,
// and the status text of a version (spec §1.2 UI texts with reasons and progress).
import { describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../src/domain/types';
import { i18n } from '../../src/i18n';
import { modelStatusText } from '../../src/models/modelStatusText';
import { splitDuration, withLossPoint } from '../../src/models/trainingProgress';
import type { TrainingProgressReport } from '../../src/contracts/trainingWorkerApi';

const report = (fields: Partial<TrainingProgressReport>): TrainingProgressReport => ({
  stage: 'segmentation',
  percent: 10,
  overallPercent: 50,
  elapsedMs: 1000,
  ...fields,
});

describe('withLossPoint', () => {
  it('adds one point per segmentation epoch in epoch order, a repeated epoch replacing its point', () => {
    let curve = withLossPoint([], report({ epoch: 2, loss: 0.5 }));
    curve = withLossPoint(curve, report({ epoch: 1, loss: 0.9 }));
    curve = withLossPoint(curve, report({ epoch: 2, loss: 0.4 }));
    expect(curve).toEqual([
      { epoch: 1, loss: 0.9 },
      { epoch: 2, loss: 0.4 },
    ]);
  });

  it('ignores reports of other stages and reports without a loss', () => {
    const curve = [{ epoch: 1, loss: 0.9 }];
    expect(withLossPoint(curve, report({ stage: 'features', epoch: 3, loss: 0.1 }))).toBe(curve);
    expect(withLossPoint(curve, report({ epoch: 3 }))).toBe(curve);
  });
});

describe('splitDuration', () => {
  it.each([
    [0, 0, 0],
    [499, 0, 0],
    [500, 0, 1],
    [59_400, 0, 59],
    [61_000, 1, 1],
    [3_725_000, 62, 5],
    [-20, 0, 0],
  ])('%i ms is %i min %i s', (ms, minutes, seconds) => {
    expect(splitDuration(ms)).toEqual({ minutes, seconds });
  });
});

describe('modelStatusText', () => {
  const t = i18n.t.bind(i18n);
  const version = (fields: Partial<ModelVersion>): ModelVersion => ({
    id: 'v',
    projectId: 'p',
    version: 3,
    status: 'TRAINED',
    statusMessage: '',
    createdAt: '',
    description: '',
    tags: [],
    modelType: 'classification',
    ...fields,
  });
  const training = report({ overallPercent: 42.7 });

  it.each<[Partial<ModelVersion>, TrainingProgressReport | undefined, string]>([
    [{ status: 'TRAINING' }, undefined, 'Training'],
    [{ status: 'TRAINING' }, training, 'Training (42 %)'],
    [{ status: 'TRAINED' }, undefined, 'Training complete'],
    [{ status: 'TRAINING_FAILED', statusMessage: 'Training was cancelled' }, undefined, 'Training failed: Training was cancelled'],
    [{ status: 'STARTING_HOSTING' }, undefined, 'Starting'],
    [{ status: 'HOSTED' }, undefined, 'Running'],
    [{ status: 'HOSTING_FAILED', statusMessage: 'out of memory' }, undefined, 'Start failed: out of memory'],
    [{ status: 'STOPPING_HOSTING' }, undefined, 'Stopping'],
  ])('%o reads as the spec text', (fields, training, text) => {
    expect(modelStatusText(t, version(fields), training)).toBe(text);
  });
});
