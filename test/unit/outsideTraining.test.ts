// "Far outside anything seen in training" (issue 15 defect 5) against hand-computed limits.
import { describe, expect, it } from 'vitest';
import { isOutsideTraining, outsideTrainingLimit } from '../../src/domain/evaluation/outsideTraining';

describe('outsideTrainingLimit', () => {
  it('lies two normalisation spreads (2 · ln 9 logit units) above the highest test score', () => {
    // Highest test score 0.5 (logit 0) → 2 ln 9, i.e. a score of σ(2 ln 9) = 81 / 82.
    expect(outsideTrainingLimit([0.1, 0.5, 0.3])).toBeCloseTo(2 * Math.log(9), 12);
    // Highest 0.9 (logit ln 9) → 3 ln 9, a score of 729 / 730.
    expect(outsideTrainingLimit([0.9, 0.1])).toBeCloseTo(3 * Math.log(9), 12);
    expect(outsideTrainingLimit([])).toBeNull();
  });
});

describe('isOutsideTraining', () => {
  it('flags only pictures scoring beyond the limit: an alien photo at 1.000, not an anomaly like those tested', () => {
    const limit = outsideTrainingLimit([0.1, 0.9, 0.2]);
    expect(isOutsideTraining(1, limit)).toBe(true);
    expect(isOutsideTraining(0.9995, limit)).toBe(true);
    // 729 / 730 ≈ 0.99863 is the limit itself: just below it is not outside.
    expect(isOutsideTraining(0.9986, limit)).toBe(false);
    expect(isOutsideTraining(0.9, limit)).toBe(false);
    expect(isOutsideTraining(1, null)).toBe(false);
  });

  it('flags nothing when a test image itself scored 1 (saturated): nothing is further out than that', () => {
    expect(isOutsideTraining(1, outsideTrainingLimit([1, 0.2]))).toBe(false);
  });
});
