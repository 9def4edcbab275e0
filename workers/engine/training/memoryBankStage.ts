// The memory banks of a training run: each normal's coreset candidates (its own patches and a share of its
// re-framed copies', held out together in calibration) projected once, and banks built from any subset of
// the normals (the final bank and the calibration folds' banks), every one the size of the final bank.
import type { PatchLayout } from '../features/featureGraph';
import { buildMemoryBank, concatenate, projectPatches, sampleRows } from '../scoring/memoryBank';
import type { MemoryBank, ProjectedPatches } from '../scoring/memoryBank';
import { seedOfText } from '../augmentation/normalFraming';
import { isFramedCopyOf } from './trainingImages';
import type { ImageRecord, TrainingImage } from './types';

/** Coreset distances on a 64-d random projection: half the cost of PatchCore's 128 for the same picks. */
export const coresetProjectedDimensions = 64;
/**
 * Most patches a bank keeps, whatever the number of normals: detection's kNN costs time linear in the bank
 * (≈17 ms per 1,000 patches on one thread here), so it stops growing at ≈52 normal images (coreset ratio 0.05).
 * Bench cross-validation (5 folds, issue 14): cookies (745-patch banks) keep AUROC 1.000 and F1/IoU down to a
 * 256 cap, aliens (1,254) lose F1 at a 512 cap (0.951 → 0.924); 2,048 stays above both sets' own banks.
 */
export const maxMemoryBankPatches = 2048;

export interface BankCandidates {
  normals: readonly TrainingImage[];
  /** Every normal's re-framed copies (framedNormalCopies); empty without copies. */
  framedCopies: readonly ImageRecord[];
  copiesPerImage: number;
  features: ReadonlyMap<string, Float32Array>;
  layout: Pick<PatchLayout, 'dimensions' | 'grid'>;
  coresetRatio: number;
  seed: number;
}

export type BankOf = (images: readonly TrainingImage[], bankSeed: number) => MemoryBank;

/**
 * The copies together add as many candidates as the image has, so the coreset costs twice what it did
 * without them, whatever the number of copies.
 *
 * A bank of some of the normals keeps as many patches as the final bank of all of them (the coreset ratio of
 * all the normals' patches, up to the cap): a calibration fold's held-out scores then come from a bank as dense
 * as the packaged model's. A bank sized by its own normals (a fifth smaller) scored everything higher, so the
 * threshold sat above where the packaged model scores unseen anomalies. 5 folds × seeds 1–9, each seed with its
 * own draw of the framed copies: cookies F1 0.956 → 0.976, AUROC 0.996 → 1.000; aliens F1 0.966 → 0.969.
 */
export function memoryBankBuilder(input: BankCandidates): BankOf {
  const { layout, features } = input;
  const space = { dimensions: layout.dimensions, projectedDimensions: coresetProjectedDimensions };
  const candidatesOf = (image: TrainingImage) =>
    concatenate([
      features.get(image.id)!,
      ...input.framedCopies
        .filter((copy) => isFramedCopyOf(copy, image))
        .map((copy) => sampleRows(features.get(copy.id)!, layout.dimensions, 1 / input.copiesPerImage, seedOfText(copy.id))),
    ]);
  const projected = new Map<string, ProjectedPatches>();
  projectPatches(input.normals.map(candidatesOf), space, input.seed).forEach((patches, index) => projected.set(input.normals[index]!.id, patches));
  const finalBankBasisPatches = input.normals.length * layout.grid * layout.grid;
  return (images, bankSeed) =>
    buildMemoryBank(
      images.map((image) => projected.get(image.id)!),
      space,
      input.coresetRatio,
      bankSeed,
      finalBankBasisPatches,
      maxMemoryBankPatches,
    );
}
