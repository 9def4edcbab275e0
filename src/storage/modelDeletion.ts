// Deleting a model version with its files (spec §7 item 7): confirmed by typing `delete`, refused
// while the version trains or holds a detection session (the reason says what to do first).
import type { IDBPDatabase } from 'idb';
import { UserFacingError } from '../domain/errors';
import { busyModelStatuses } from '../domain/modelVersionStatus';
import { DELETE_CONFIRMATION_WORD } from './datasets';
import type { SpotcheckDB } from './schema';
import { issueAll, writeTransaction } from './transaction';

/**
 * Removes the version and every artifact of it, all or nothing. Detection events and trial jobs that
 * name its number are history and stay.
 */
export async function deleteModelVersion(db: IDBPDatabase<SpotcheckDB>, modelVersionId: string, typedConfirmation: string): Promise<void> {
  await writeTransaction(db, ['modelVersions', 'modelArtifacts'], async (transaction) => {
    const versions = transaction.objectStore('modelVersions');
    const version = await versions.get(modelVersionId);
    if (!version) throw new UserFacingError('model.notFound');
    if (typedConfirmation.trim() !== DELETE_CONFIRMATION_WORD) {
      throw new UserFacingError('dataset.deleteConfirmationMismatch', { word: DELETE_CONFIRMATION_WORD });
    }
    if (busyModelStatuses.has(version.status)) {
      throw new UserFacingError('modelDelete.busy', { version: version.version, context: version.status });
    }
    const artifacts = transaction.objectStore('modelArtifacts');
    const artifactKeys = await artifacts.index('by-model').getAllKeys(modelVersionId);
    await issueAll([...artifactKeys.map((key) => () => artifacts.delete(key)), () => versions.delete(modelVersionId)]);
  });
}
