// "Far outside anything seen in training" (issue 15 defect 5) against hand-computed limits on the raw score.
import { describe, expect, it } from 'vitest';
import { isOutsideTraining, outsideTrainingLimit } from '../../src/domain/evaluation/outsideTraining';

/** A normalisation whose spread (median normal → threshold) is ln 9 · s = 3 raw units. */
const normalisation = { c: 12, s: 3 / Math.log(9) };

describe('outsideTrainingLimit', () => {
  it('lies two normalisation spreads (2 · ln 9 · s raw units) above the highest test raw score', () => {
    // Highest test raw score 14 → 14 + 2 · 3 = 20.
    expect(outsideTrainingLimit([9, 14, 11], normalisation)).toBeCloseTo(20, 12);
    // The spread scales with s: s doubled → 14 + 2 · 6 = 26.
    expect(outsideTrainingLimit([9, 14], { c: 12, s: (2 * 3) / Math.log(9) })).toBeCloseTo(26, 12);
    expect(outsideTrainingLimit([], normalisation)).toBeNull();
  });
});

describe('isOutsideTraining', () => {
  it('flags only pictures whose raw score lies beyond the limit: an alien photo, not an anomaly like those tested', () => {
    const limit = outsideTrainingLimit([9, 14, 11], normalisation);
    expect(isOutsideTraining(60, limit)).toBe(true);
    expect(isOutsideTraining(20.01, limit)).toBe(true);
    expect(isOutsideTraining(20, limit)).toBe(false);
    expect(isOutsideTraining(15, limit)).toBe(false);
    expect(isOutsideTraining(60, null)).toBe(false);
  });

  it('still sees a far picture when a test anomaly scored so high that its 0–1 score saturated at 1', () => {
    // A test anomaly 25 scale units above the threshold (σ = 1 in float32) and an off-subject picture far beyond it.
    const saturatedAnomalyRaw = normalisation.c + 25 * normalisation.s;
    expect(Math.fround(1 / (1 + Math.exp(-25)))).toBe(1);
    const limit = outsideTrainingLimit([9, saturatedAnomalyRaw], normalisation);
    expect(isOutsideTraining(saturatedAnomalyRaw + 7, limit)).toBe(true);
    expect(isOutsideTraining(saturatedAnomalyRaw + 5, limit)).toBe(false);
  });
});
