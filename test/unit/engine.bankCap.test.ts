// The memory bank stops growing at maxMemoryBankPatches, so detection's kNN cost is bounded however many
// normal images a project has; below the cap the coreset ratio alone sizes it, as before. A calibration fold's
// bank, built from some of the normals, is as large as the final bank of all of them.
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/domain/random';
import { maxMemoryBankPatches, memoryBankBuilder } from '../../workers/engine/training/memoryBankStage';
import type { TrainingImage } from '../../workers/engine/training/types';

const layout = { grid: 28, dimensions: 4 };
const coresetRatio = 0.05;

function normals(count: number): { images: TrainingImage[]; features: Map<string, Float32Array> } {
  const random = new Random(5);
  const images = Array.from({ length: count }, (_, index): TrainingImage => ({
    id: `normal-${index}`,
    rgb: new Uint8Array(0),
    width: 0,
    height: 0,
    classification: 'normal',
  }));
  const features = new Map(
    images.map((image) => [image.id, Float32Array.from({ length: layout.grid * layout.grid * layout.dimensions }, () => random.next())]),
  );
  return { images, features };
}

/** The size of the bank of the first `banked` of `count` normals (all of them by default). */
function bankSizeFor(count: number, banked = count): number {
  const { images, features } = normals(count);
  const bankOf = memoryBankBuilder({ normals: images, framedCopies: [], copiesPerImage: 0, features, layout, coresetRatio, seed: 1 });
  return bankOf(images.slice(0, banked), 1).size;
}

describe('memory bank cap', () => {
  it('keeps the coreset ratio below the cap (10 normals: 5 % of 7,840 patches)', () => {
    expect(bankSizeFor(10)).toBe(Math.round(10 * 784 * coresetRatio));
  });

  it(`keeps at most ${maxMemoryBankPatches} patches from 60 normals (5 % would be 2,352)`, () => {
    expect(Math.round(60 * 784 * coresetRatio)).toBeGreaterThan(maxMemoryBankPatches);
    expect(bankSizeFor(60)).toBe(maxMemoryBankPatches);
  });

  it('gives a bank of 8 of 10 normals (a calibration fold) the size of the final bank of all 10', () => {
    expect(bankSizeFor(10, 8)).toBe(bankSizeFor(10));
    expect(bankSizeFor(10, 8)).toBe(Math.round(10 * 784 * coresetRatio));
  });

  it('still keeps no more rows than the banked normals have', () => {
    // The final bank of 400 normals keeps 2,048 patches; a bank of one of them can keep its 784 at most.
    expect(bankSizeFor(400, 1)).toBe(784);
  });
});
