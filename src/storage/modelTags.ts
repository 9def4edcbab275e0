// Editing the tags of a stored model version (spec §7 item 7): the whole list is replaced in one
// transaction after the checks of src/domain/modelTags.ts, so a refused edit changes nothing.
import type { IDBPDatabase } from 'idb';
import { UserFacingError } from '../domain/errors';
import { normalizeModelTags } from '../domain/modelTags';
import type { ModelTag, ModelVersion } from '../domain/types';
import type { SpotcheckDB } from './schema';
import { writeTransaction } from './transaction';

/** Tags are descriptive only, so they may change in any status, even while the version trains or runs. */
export async function setModelVersionTags(db: IDBPDatabase<SpotcheckDB>, modelVersionId: string, tags: readonly ModelTag[]): Promise<ModelVersion> {
  const normalized = normalizeModelTags(tags);
  return writeTransaction(db, ['modelVersions'], async (transaction) => {
    const store = transaction.objectStore('modelVersions');
    const version = await store.get(modelVersionId);
    if (!version) throw new UserFacingError('model.notFound');
    const updated: ModelVersion = { ...version, tags: normalized };
    await store.put(updated);
    return updated;
  });
}
