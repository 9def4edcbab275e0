// The annotation tool's storage on a real (in-memory) IndexedDB: class, labels and mask saved
// together, the old mask replaced, counts refreshed, and every refusal leaving the data untouched.
import type { IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeLabelMaskPng } from '../../src/domain/png';
import type { AnomalyLabel, Dataset } from '../../src/domain/types';
import { loadAnnotation, saveAnnotation } from '../../src/storage/annotations';
import { addAnomalyLabel, deleteAnomalyLabel } from '../../src/storage/labels';
import type { SpotcheckDB } from '../../src/storage/schema';
import { seedScratchedProject } from '../fixtures/importItems';
import { sampleSize } from '../fixtures/sampleProject';
import { failureMessage, snapshotDatabase, storeInconsistencies, useFreshDatabase } from '../fixtures/storageTestKit';

let db: IDBPDatabase<SpotcheckDB>;
let train: Dataset;
let label: Record<string, AnomalyLabel>;
let entryId: Record<string, string>;

useFreshDatabase((opened) => {
  db = opened;
});

beforeEach(async () => {
  ({ train, label } = await seedScratchedProject(db));
  entryId = Object.fromEntries((await db.getAll('entries')).map((entry) => [entry.sourceRef, entry.id]));
});

/** A 64×64 label-index PNG with `index` painted over the first `pixelCount` pixels of each listed index. */
function maskPng(...painted: [index: number, pixelCount: number][]): Blob {
  const mask = new Uint8Array(sampleSize.width * sampleSize.height);
  let offset = 0;
  for (const [index, pixelCount] of painted) {
    mask.fill(index, offset, offset + pixelCount);
    offset += pixelCount;
  }
  return new Blob([encodeLabelMaskPng(mask, sampleSize.width, sampleSize.height) as Uint8Array<ArrayBuffer>], { type: 'image/png' });
}

describe('saveAnnotation', () => {
  it('classifies, stores the mask and its labels, replaces the old mask and recounts the dataset', async () => {
    const oldMaskId = (await db.get('entries', entryId['scratched.png']!))!.maskId;
    const saved = await saveAnnotation(db, entryId['scratched.png']!, {
      classification: 'anomaly',
      mask: maskPng([label.scratch!.index, 10], [label.dent!.index, 5]),
      labelIds: [label.scratch!.id, label.dent!.id],
    });
    expect(saved.anomalyLabelIds).toEqual([label.scratch!.id, label.dent!.id]);
    expect(await db.get('masks', oldMaskId!)).toBeUndefined();
    const loaded = await loadAnnotation(db, saved.id);
    expect(loaded.mask).not.toBeNull();
    expect(loaded.labels.map((stored) => stored.name)).toEqual(['scratch', 'dent']);

    await saveAnnotation(db, entryId['normal.png']!, { classification: 'anomaly', mask: maskPng([label.dent!.index, 3]), labelIds: [label.dent!.id] });
    expect((await db.get('datasets', train.id))!.imageStats).toEqual({ Total: 2, Labeled: 2, Normal: 0, Anomaly: 2 });
    expect(await storeInconsistencies(db)).toEqual([]);
  });

  it('clears the mask when the image becomes normal', async () => {
    await saveAnnotation(db, entryId['scratched.png']!, { classification: 'normal', mask: null, labelIds: [] });
    const loaded = await loadAnnotation(db, entryId['scratched.png']!);
    expect(loaded.mask).toBeNull();
    expect(loaded.entry).toMatchObject({ classification: 'normal', anomalyLabelIds: [], maskId: null, humanAnnotated: true });
    expect(await db.count('masks')).toBe(0);
    expect(await storeInconsistencies(db)).toEqual([]);
  });

  it('refuses bad changes and leaves every record as it was', async () => {
    const deleted = await addAnomalyLabel(db, label.scratch!.projectId, 'crack');
    await deleteAnomalyLabel(db, deleted.id);
    const before = await snapshotDatabase(db);
    const id = entryId['scratched.png']!;
    const scratch = label.scratch!;

    expect(await failureMessage(saveAnnotation(db, id, { classification: 'normal', mask: maskPng([scratch.index, 4]), labelIds: [scratch.id] }))).toMatch(
      /only on anomalous images/,
    );
    expect(
      await failureMessage(
        saveAnnotation(db, id, {
          classification: 'anomaly',
          mask: maskPng([deleted.index, 4]),
          labelIds: [deleted.id],
          labelNames: { [deleted.id]: 'crack' },
        }),
      ),
    ).toContain('“crack” no longer exists');
    expect(await failureMessage(saveAnnotation(db, id, { classification: 'anomaly', mask: maskPng([scratch.index, 4]), labelIds: [label.dent!.id] }))).toMatch(
      /do not match/,
    );
    const tooMany = Array.from({ length: 21 }, (_, i) => `label-${i}`);
    expect(await failureMessage(saveAnnotation(db, id, { classification: 'anomaly', mask: maskPng([scratch.index, 4]), labelIds: tooMany }))).toContain('20');
    expect(await failureMessage(saveAnnotation(db, 'gone', { classification: 'normal', mask: null, labelIds: [] }))).toMatch(/no longer exists/);

    expect(await snapshotDatabase(db)).toEqual(before);
  });
});
