// Tag editing on stored model versions: the list is replaced trimmed, refusals (spec-less limits kept
// from the original's tagging API) name the row and change nothing.
import type { IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { maxTagsPerModel, normalizeModelTags } from '../../src/domain/modelTags';
import type { ModelVersion } from '../../src/domain/types';
import { createProject } from '../../src/storage/projects';
import { setModelVersionTags } from '../../src/storage/modelTags';
import type { SpotcheckDB } from '../../src/storage/schema';
import { failureMessage, snapshotDatabase, useFreshDatabase } from '../fixtures/storageTestKit';
import { storeFakeTrainedVersion } from './helpers/fakeModelFiles';

let db: IDBPDatabase<SpotcheckDB>;
useFreshDatabase((opened) => (db = opened));

describe('normalizeModelTags', () => {
  it('trims keys and values and keeps the order', () => {
    expect(
      normalizeModelTags([
        { Key: ' line ', Value: ' A ' },
        { Key: 'shift', Value: '' },
      ]),
    ).toEqual([
      { Key: 'line', Value: 'A' },
      { Key: 'shift', Value: '' },
    ]);
  });

  it.each([
    [
      [
        { Key: 'a', Value: '1' },
        { Key: '  ', Value: 'x' },
      ],
      'Tag 2 has no key. Type a key or remove the tag.',
    ],
    [[{ Key: 'k'.repeat(129), Value: '' }], /^Tag 1 \(k+\): a key can be at most 128 characters long/],
    [[{ Key: 'note', Value: 'v'.repeat(257) }], 'Tag 1 (note): a value can be at most 256 characters long. Shorten it, then save.'],
    [
      [
        { Key: 'line', Value: 'A' },
        { Key: ' line', Value: 'B' },
      ],
      'Tag 2 repeats the key line. Each key can appear once: change or remove one of them.',
    ],
    [
      Array.from({ length: maxTagsPerModel + 1 }, (_, index) => ({ Key: `k${index}`, Value: '' })),
      'A model version can carry at most 50 tags; this list has 51. Remove some, then save.',
    ],
  ])('refuses %#', async (tags, message) => {
    const result = failureMessage(Promise.resolve().then(() => normalizeModelTags(tags)));
    if (typeof message === 'string') expect(await result).toBe(message);
    else expect(await result).toMatch(message);
  });

  it('accepts the limits themselves', () => {
    const tags = Array.from({ length: maxTagsPerModel }, (_, index) => ({ Key: `${index}`.padEnd(128, 'k'), Value: 'v'.repeat(256) }));
    expect(normalizeModelTags(tags)).toHaveLength(maxTagsPerModel);
  });
});

describe('setModelVersionTags', () => {
  let version: ModelVersion;
  beforeEach(async () => {
    const project = await createProject(db, 'parts');
    version = await storeFakeTrainedVersion(db, project.id, 1);
  });

  it('replaces the whole list (add, edit, remove) and leaves every other field alone', async () => {
    const updated = await setModelVersionTags(db, version.id, [
      { Key: 'line', Value: 'B ' },
      { Key: 'camera', Value: 'left' },
    ]);
    expect(updated).toEqual({
      ...version,
      tags: [
        { Key: 'line', Value: 'B' },
        { Key: 'camera', Value: 'left' },
      ],
    });
    expect(await db.get('modelVersions', version.id)).toEqual(updated);
    expect((await setModelVersionTags(db, version.id, [])).tags).toEqual([]);
  });

  it('is allowed while the version runs', async () => {
    await db.put('modelVersions', { ...version, status: 'HOSTED' });
    expect((await setModelVersionTags(db, version.id, [{ Key: 'x', Value: 'y' }])).status).toBe('HOSTED');
  });

  it('changes nothing when refused', async () => {
    const before = await snapshotDatabase(db);
    expect(
      await failureMessage(
        setModelVersionTags(db, version.id, [
          { Key: 'a', Value: '' },
          { Key: 'a', Value: '' },
        ]),
      ),
    ).toMatch(/repeats the key a/);
    expect(await failureMessage(setModelVersionTags(db, 'gone', []))).toMatch(/no longer exists/);
    expect(await snapshotDatabase(db)).toEqual(before);
  });
});
