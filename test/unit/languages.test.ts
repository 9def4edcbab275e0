// Which language Spotcheck speaks: the browser's (or the shell's) preferences pick the first supported
// language, every Chinese variant reads Simplified Chinese and every Portuguese one Brazilian Portuguese;
// the choice is stored, survives reopening, and a stored value from elsewhere never breaks the start.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { languageOfTag, pickLanguage, supportedLanguages } from '../../src/domain/languages';
import { closeSpotcheckDb, openSpotcheckDb } from '../../src/storage/db';
import { readLanguageSetting, saveLanguageSetting } from '../../src/storage/languageSetting';
import { cliLanguage } from '../../scripts/cli/cliLanguage';

describe('pickLanguage', () => {
  it('takes the first preferred language Spotcheck speaks, by exact tag or by its primary language', () => {
    expect(pickLanguage(['de-DE', 'fr-CA', 'en'])).toBe('fr');
    expect(pickLanguage(['zh-TW'])).toBe('zh-CN');
    expect(pickLanguage(['zh-Hans-CN'])).toBe('zh-CN');
    expect(pickLanguage(['pt-PT'])).toBe('pt-BR');
    expect(pickLanguage(['in-ID'])).toBe('id');
    expect(pickLanguage(['es-419', 'fr'])).toBe('es');
    expect(pickLanguage(['PT-br'])).toBe('pt-BR');
  });

  it('falls back to English when none is spoken or none is given', () => {
    expect(pickLanguage(['de', 'ja'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
    expect(languageOfTag('')).toBeNull();
  });

  it('offers every language under its own name', () => {
    expect(supportedLanguages.map((language) => language.code)).toEqual(['en', 'zh-CN', 'pt-BR', 'id', 'fr', 'es']);
    expect(new Set(supportedLanguages.map((language) => language.name)).size).toBe(supportedLanguages.length);
  });
});

describe('cliLanguage', () => {
  it('reads LC_ALL, then LC_MESSAGES, then LANG, with LANGUAGE as the list of preferences', () => {
    expect(cliLanguage({ LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(cliLanguage({ LC_ALL: 'es_ES.UTF-8', LANG: 'fr_FR.UTF-8' })).toBe('es');
    expect(cliLanguage({ LC_MESSAGES: 'id_ID', LANG: 'fr_FR' })).toBe('id');
    expect(cliLanguage({ LANG: 'de_DE.UTF-8', LANGUAGE: 'de:pt_BR' })).toBe('pt-BR');
  });

  it('speaks English for the C or POSIX locale and without any locale, whatever LANGUAGE says', () => {
    expect(cliLanguage({ LC_ALL: 'C', LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(cliLanguage({ LANG: 'C.UTF-8', LANGUAGE: 'fr' })).toBe('en');
    expect(cliLanguage({})).toBe('en');
  });
});

describe('the stored language', () => {
  const dbName = 'languages-test';
  afterEach(() => closeSpotcheckDb(dbName));

  it('is absent until chosen, then read back after the database is opened again', async () => {
    const db = await openSpotcheckDb(dbName);
    expect(await readLanguageSetting(db)).toBeNull();
    await saveLanguageSetting(db, 'pt-BR');
    await closeSpotcheckDb(dbName);
    expect(await readLanguageSetting(await openSpotcheckDb(dbName))).toBe('pt-BR');
  });

  it('refuses an unsupported language with a message naming it, and stores nothing', async () => {
    const db = await openSpotcheckDb(dbName);
    await saveLanguageSetting(db, 'fr');
    // The language is written to the settings store only.
    const settings = async () => [await db.getAllKeys('settings'), await db.getAll('settings')];
    const before = await settings();
    await expect(saveLanguageSetting(db, 'de' as never)).rejects.toMatchObject({ code: 'language.unsupported', params: { language: 'de' } });
    expect(await settings()).toEqual(before);
  });

  it('reads a stored value Spotcheck no longer speaks as "not chosen", so the browser decides', async () => {
    const db = await openSpotcheckDb(dbName);
    await db.put('settings', 'klingon', 'language');
    expect(await readLanguageSetting(db)).toBeNull();
  });
});
