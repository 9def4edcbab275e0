// The language the operator chose (Settings or the first-visit picker), kept in the settings store so it
// holds offline, across reloads and in every tab; absent until someone chooses, and then the browser's
// languages decide.
import type { IDBPDatabase } from 'idb';
import { isLanguageCode, type LanguageCode } from '../domain/languages';
import { UserFacingError } from '../domain/errors';
import type { SpotcheckDB } from './schema';
import { writeTransaction } from './transaction';

const languageSettingKey = 'language';

/** The chosen language, or null when nobody chose one yet (or a stored value is no longer supported). */
export async function readLanguageSetting(db: IDBPDatabase<SpotcheckDB>): Promise<LanguageCode | null> {
  const value = await db.get('settings', languageSettingKey);
  return isLanguageCode(value) ? value : null;
}

export async function saveLanguageSetting(db: IDBPDatabase<SpotcheckDB>, language: LanguageCode): Promise<void> {
  if (!isLanguageCode(language)) throw new UserFacingError('language.unsupported', { language: String(language) });
  await writeTransaction(db, ['settings'], async (transaction) => {
    await transaction.store.put(language, languageSettingKey);
  });
}
