// Seeded assignment of training images to cross-validation folds, per class, so every fold holds
// normals (to hold out) and, where there are enough, anomalies.
import { deriveSeed, Random } from '../../../src/domain/random';

/** Fold index per id: ids are shuffled with the seed, then dealt round-robin. Order-independent. */
export function assignFolds(ids: readonly string[], foldCount: number, seed: number): Map<string, number> {
  if (!Number.isInteger(foldCount) || foldCount < 1) throw new RangeError(`foldCount must be a whole number ≥ 1, got ${foldCount}`);
  const shuffled = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const random = new Random(deriveSeed(seed, foldCount));
  for (let index = shuffled.length - 1; index > 0; index -= 1) {
    const other = random.int(0, index);
    [shuffled[index], shuffled[other]] = [shuffled[other]!, shuffled[index]!];
  }
  return new Map(shuffled.map((id, index) => [id, index % foldCount]));
}
