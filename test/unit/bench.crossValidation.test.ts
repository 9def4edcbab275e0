// The cross-validation yardstick's pure parts: spreads, stratified folds, per-image IoU, the figure summary and
// the stress summary.
import { describe, expect, it } from 'vitest';
import { imageIoU, stratifiedFolds, summariseFigures, summariseStress } from '../../scripts/bench/crossValidation';
import type { FoldFigures, PerImageRow, StressRow } from '../../scripts/bench/crossValidation';
import { stressVariants } from '../../scripts/bench/stressSet';
import { formatSpread, spreadOf } from '../../scripts/bench/spread';
import type { TrainingImage } from '../../workers/engine/training';

describe('spreadOf', () => {
  it('gives the mean, the sample standard deviation, min and max', () => {
    // Mean 5; squared deviations 9 + 1 + 1 + 9 = 20; 20 / 3 → std √(20/3).
    const spread = spreadOf([2, 4, 6, 8]);
    expect(spread).toEqual({ mean: 5, std: Math.sqrt(20 / 3), min: 2, max: 8, count: 4 });
    expect(formatSpread(spread)).toBe('5.000 ± 2.582 (2.000–8.000)');
    expect(spreadOf([0.5]).std).toBe(0);
    expect(() => spreadOf([])).toThrow(RangeError);
  });
});

describe('stratifiedFolds', () => {
  const image = (id: string, classification: TrainingImage['classification']): TrainingImage => ({
    id,
    classification,
    rgb: new Uint8Array(3),
    width: 1,
    height: 1,
  });
  const images = [
    ...Array.from({ length: 10 }, (_, index) => image(`n${index}`, 'normal')),
    ...Array.from({ length: 5 }, (_, index) => image(`a${index}`, 'anomaly')),
  ];

  it('gives every fold its share of each class', () => {
    const folds = stratifiedFolds(images, 5, 1);
    for (let fold = 0; fold < 5; fold += 1) {
      const members = images.filter((candidate) => folds.get(candidate.id) === fold);
      expect(members.filter((member) => member.classification === 'normal')).toHaveLength(2);
      expect(members.filter((member) => member.classification === 'anomaly')).toHaveLength(1);
    }
  });

  it('deals differently per seed', () => {
    const order = (seed: number) => images.map((candidate) => stratifiedFolds(images, 5, seed).get(candidate.id));
    expect(order(2)).not.toEqual(order(1));
  });
});

describe('imageIoU', () => {
  const labels = [
    { name: 'cracked', color: '#23a436', index: 1 },
    { name: 'burnt', color: '#ff0000', index: 2 },
  ];

  it('is intersection over union per label, null where neither mask has it', () => {
    // cracked: predicted {0, 1, 2}, truth {1, 2, 3} → 2 / 4; burnt in neither.
    expect(imageIoU(Uint8Array.of(1, 1, 1, 0), Uint8Array.of(0, 1, 1, 1), labels)).toEqual({ cracked: 0.5, burnt: null });
    // A label predicted on a normal image: IoU 0.
    expect(imageIoU(Uint8Array.of(2, 0, 0, 0), new Uint8Array(4), labels)).toEqual({ cracked: null, burnt: 0 });
  });
});

describe('summariseFigures', () => {
  const fold = (f1: number, auroc: number | null, iou: number, stressFalseAlarms: number): FoldFigures => ({
    seed: 1,
    fold: 0,
    trainMs: 0,
    auroc,
    ap: auroc,
    precision: f1,
    recall: f1,
    f1,
    calibrationF1: 1,
    featurePooling: 'every-map',
    framedCopyDraw: 1,
    perLabel: [{ name: 'cracked', meanIoU: iou, pixelF1: iou }],
    stressImages: 10,
    stressFalseAlarms,
  });

  it('spreads every figure over the folds, skipping undefined AUROCs', () => {
    const figures = summariseFigures([fold(1, 1, 0.6, 0), fold(0.8, null, 0.4, 2)]);
    expect(figures.f1).toMatchObject({ mean: 0.9, min: 0.8, max: 1, count: 2 });
    expect(figures.auroc).toMatchObject({ mean: 1, count: 1 });
    expect(figures['cracked IoU']).toMatchObject({ mean: 0.5, min: 0.4, max: 0.6 });
    expect(figures['stress false alarms']).toMatchObject({ mean: 0.1, min: 0, max: 0.2 });
  });
});

describe('summariseStress', () => {
  const [shifted, rotated] = stressVariants.map((variant) => variant.name);
  const heldOut = (file: string, seed: number, trueClass: PerImageRow['trueClass'], verdict: PerImageRow['verdict']): PerImageRow => ({
    file,
    seed,
    fold: 0,
    trueClass,
    score: verdict === 'anomaly' ? 0.8 : 0.2,
    verdict,
  });
  const stress = (file: string, seed: number, variant: string, falseAlarm: boolean): StressRow => ({
    file,
    variant,
    seed,
    score: falseAlarm ? 0.7 : 0.3,
    falseAlarm,
  });

  it('separates what the framing costs from normals flagged however they are framed', () => {
    // normal/a passes in seed 1 and is flagged in seed 2; normal/b passes in both seeds.
    const perImage = [
      heldOut('normal/a', 1, 'normal', 'normal'),
      heldOut('normal/a', 2, 'normal', 'anomaly'),
      heldOut('normal/b', 1, 'normal', 'normal'),
      heldOut('normal/b', 2, 'normal', 'normal'),
    ];
    const rows = [
      stress('normal/a', 1, shifted!, true),
      stress('normal/a', 1, rotated!, false),
      stress('normal/a', 2, shifted!, true),
      stress('normal/a', 2, rotated!, true),
      stress('normal/b', 1, shifted!, false),
      stress('normal/b', 1, rotated!, false),
      stress('normal/b', 2, shifted!, false),
      stress('normal/b', 2, rotated!, false),
    ];
    const summary = summariseStress(rows, perImage);
    // All: 3 of 8 flagged. Passed unframed: normal/a seed 1 and normal/b seeds 1–2, 6 rows, 1 flagged.
    expect(summary.images).toBe(8);
    expect(summary.falseAlarmRate).toBe(3 / 8);
    expect(summary.falseAlarmRateOnPassedNormals).toBe(1 / 6);
    expect(summary.byVariant[shifted!]).toBe(2 / 4);
    expect(summary.byVariant[rotated!]).toBe(1 / 4);
  });
});
