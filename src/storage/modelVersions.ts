// Model versions in IndexedDB: status changes checked against spec §1.2, and the clean-up at app
// start that turns versions left mid-change (closed tab, crashed worker) into honest states.
import type { IDBPDatabase } from 'idb';
import { UserFacingError } from '../domain/errors';
import { assertTransition, statusAfterRestart } from '../domain/modelVersionStatus';
import type { ModelVersion, ModelVersionStatus } from '../domain/types';
import { i18n } from '../i18n';
import type { SpotcheckDB } from './schema';
import { writeTransaction } from './transaction';

export async function setModelVersionStatus(db: IDBPDatabase<SpotcheckDB>, id: string, to: ModelVersionStatus, statusMessage = ''): Promise<ModelVersion> {
  return writeTransaction(db, ['modelVersions'], async (transaction) => {
    const store = transaction.objectStore('modelVersions');
    const version = await store.get(id);
    if (!version) throw new UserFacingError('model.notFound');
    assertTransition(version.version, version.status, to);
    const updated = { ...version, status: to, statusMessage };
    await store.put(updated);
    return updated;
  });
}

/** Run once at app start, before anything else reads model versions; returns how many changed. */
export async function recoverModelVersionsAfterRestart(db: IDBPDatabase<SpotcheckDB>): Promise<number> {
  return writeTransaction(db, ['modelVersions'], async (transaction) => {
    const store = transaction.objectStore('modelVersions');
    let changed = 0;
    for (const version of await store.getAll()) {
      const recovered = statusAfterRestart(version.status);
      if (!recovered) continue;
      const statusMessage = recovered.statusMessageKey ? i18n.t(recovered.statusMessageKey, { ns: 'errors' }) : '';
      await store.put({ ...version, status: recovered.status, statusMessage });
      changed++;
    }
    return changed;
  });
}
