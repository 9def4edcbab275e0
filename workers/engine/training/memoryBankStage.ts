// The memory banks of a training run: each normal's coreset candidates (its own patches and a share of its
// re-framed copies', held out together in calibration) projected once, and banks built from any subset of
// the normals (the final bank and the calibration folds' banks) at the size the normals alone would give.
import type { PatchLayout } from '../features/featureGraph';
import { buildMemoryBank, concatenate, projectPatches, sampleRows } from '../scoring/memoryBank';
import type { MemoryBank, ProjectedPatches } from '../scoring/memoryBank';
import { seedOfText } from '../augmentation/normalFraming';
import { isFramedCopyOf } from './trainingImages';
import type { TrainingImage } from './types';

/** Coreset distances on a 64-d random projection: half the cost of PatchCore's 128 for the same picks. */
export const coresetProjectedDimensions = 64;

export interface BankCandidates {
  normals: readonly TrainingImage[];
  /** Every normal's re-framed copies (framedNormalCopies); empty without copies. */
  framedCopies: readonly TrainingImage[];
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
  const patchesPerImage = layout.grid * layout.grid;
  return (images, bankSeed) =>
    buildMemoryBank(
      images.map((image) => projected.get(image.id)!),
      space,
      input.coresetRatio,
      bankSeed,
      images.length * patchesPerImage,
    );
}
