// Held-out scores for threshold calibration (K-fold within the training part): each fold's bank is a
// fresh coreset of the OTHER folds' normals, and scores the fold's normals and its share of the anomalies,
// so every training image is scored once by a model that did not see it.
import type { LabelledScore } from '../../../src/domain/metrics';
import { deriveSeed } from '../../../src/domain/random';
import type { MemoryBank } from '../scoring/memoryBank';
import { assignFolds } from './folds';
import type { ImageRecord, TrainingImage } from './types';

export interface CrossValidation {
  normals: readonly TrainingImage[];
  anomalies: readonly TrainingImage[];
  foldCount: number;
  seed: number;
  bankOf: (normals: readonly TrainingImage[], bankSeed: number) => MemoryBank;
  rawScoreOf: (image: ImageRecord, bank: MemoryBank) => Promise<number>;
  signal?: AbortSignal;
  onFoldDone?: (foldsDone: number) => void;
}

/** One list of labelled raw scores per fold, as calibrateThreshold takes them. */
export async function crossValidatedScores(options: CrossValidation): Promise<LabelledScore[][]> {
  const { normals, anomalies, foldCount, seed } = options;
  const normalFolds = assignFolds(
    normals.map((image) => image.id),
    foldCount,
    seed,
  );
  const anomalyFolds = assignFolds(
    anomalies.map((image) => image.id),
    foldCount,
    seed,
  );
  const folds: LabelledScore[][] = [];
  for (let fold = 0; fold < foldCount; fold += 1) {
    const bank = options.bankOf(
      normals.filter((image) => normalFolds.get(image.id) !== fold),
      deriveSeed(seed, fold + 1),
    );
    const heldOut = [...normals.filter((image) => normalFolds.get(image.id) === fold), ...anomalies.filter((image) => anomalyFolds.get(image.id) === fold)];
    const scores: LabelledScore[] = [];
    for (const image of heldOut) {
      options.signal?.throwIfAborted();
      scores.push({ score: await options.rawScoreOf(image, bank), anomalous: image.classification === 'anomaly' });
    }
    folds.push(scores);
    options.onFoldDone?.(fold + 1);
  }
  return folds;
}
