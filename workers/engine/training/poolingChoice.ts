// The feature pooling of a trained model (`FeaturePooling`): per candidate pooling, the bank builder, each
// training image's held-out score and the threshold they calibrate, and the rule that keeps the candidate whose
// calibration promises the higher F1. Whether the coarse map's 3 × 3 average helps depends on the part: it
// keeps a cookie's dough grooves from looking new, and it blends a posed alien's limb with the background beside it
// into a patch no normal shows (README's Benchmarks), so each project's own held-out images decide.
import { calibrateThreshold } from '../calibration';
import type { OperatingPoint, ThresholdCalibration } from '../calibration';
import type { FeaturePooling } from '../../../src/contracts/modelMetadata';
import type { MemoryBank } from '../scoring/memoryBank';
import { crossValidatedScores } from './crossValidation';
import type { CrossValidation } from './crossValidation';
import type { FeaturesByPooling } from './featureExtraction';
import { memoryBankBuilder } from './memoryBankStage';
import type { BankCandidates, BankOf } from './memoryBankStage';
import type { ImageRecord } from './types';

export interface PoolingCandidate {
  pooling: FeaturePooling;
  /** Image id → patch rows of this pooling. */
  features: ReadonlyMap<string, Float32Array>;
  bankOf: BankOf;
  calibration: ThresholdCalibration;
  /** Each image's kNN distances from the bank that scored it last (the held-out fold's, for training images). */
  distances: Map<string, Float32Array>;
  rawScoreOf: (image: ImageRecord, bank: MemoryBank) => Promise<number>;
}

export interface PoolingCalibration extends Omit<CrossValidation, 'bankOf' | 'rawScoreOf' | 'onFoldDone'> {
  featuresByPooling: FeaturesByPooling;
  bankCandidates: Omit<BankCandidates, 'features'>;
  score: (patches: Float32Array, bank: MemoryBank) => Promise<{ rawScore: number; distances: Float32Array }>;
  operatingPoint: OperatingPoint | undefined;
  /** Folds done over all candidates, of `foldCount` × candidates. */
  onFoldDone?: (foldsDone: number, folds: number) => void;
}

/** Every candidate in `featuresByPooling`, calibrated as the trained threshold would be. */
export async function calibratePoolings(input: PoolingCalibration): Promise<PoolingCandidate[]> {
  const candidates: PoolingCandidate[] = [];
  const folds = input.foldCount * input.featuresByPooling.size;
  for (const [pooling, features] of input.featuresByPooling) {
    const distances = new Map<string, Float32Array>();
    const rawScoreOf = async (image: ImageRecord, bank: MemoryBank) => {
      const scores = await input.score(features.get(image.id)!, bank);
      distances.set(image.id, scores.distances);
      return scores.rawScore;
    };
    const bankOf = memoryBankBuilder({ ...input.bankCandidates, features });
    const foldsBefore = candidates.length * input.foldCount;
    const heldOutFolds = await crossValidatedScores({
      ...input,
      bankOf,
      rawScoreOf,
      onFoldDone: (foldsDone) => input.onFoldDone?.(foldsBefore + foldsDone, folds),
    });
    candidates.push({ pooling, features, bankOf, distances, rawScoreOf, calibration: calibrateThreshold(heldOutFolds, input.operatingPoint) });
  }
  return candidates;
}

/**
 * The candidate whose held-out images give the higher F1 at its own calibrated threshold; on a tie the earlier
 * one (the default pooling comes first). 5-fold CV × 3 seeds (README): this keeps every map pooled on every
 * cookies fold, and drops the coarse map's pool on most aliens folds.
 */
export function choosePooling<Candidate extends { calibration: Pick<ThresholdCalibration, 'heldOut'> }>(candidates: readonly Candidate[]): Candidate {
  if (candidates.length === 0) throw new RangeError('Choosing a feature pooling needs at least one calibrated candidate');
  return candidates.reduce((best, candidate) => (candidate.calibration.heldOut.f1 > best.calibration.heldOut.f1 ? candidate : best));
}
