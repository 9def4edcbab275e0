// The language of the command's messages, from the POSIX locale variables as gettext reads them: LC_ALL,
// then LC_MESSAGES, then LANG name the locale ("fr_FR.UTF-8"); LANGUAGE may list preferences ("pt_BR:en")
// unless the locale is C/POSIX, which means untranslated (English). Results and files never change with it.
import { fallbackLanguage, pickLanguage, type LanguageCode } from '../../src/domain/languages';
import type { Catalogue, CatalogueLoaders } from '../../src/i18n';

const untranslatedLocales = new Set(['C', 'POSIX']);

export function cliLanguage(environment: Readonly<Record<string, string | undefined>>): LanguageCode {
  const locale = environment.LC_ALL || environment.LC_MESSAGES || environment.LANG || '';
  const localeName = locale.split('.')[0] ?? '';
  if (localeName === '' || untranslatedLocales.has(localeName)) return fallbackLanguage;
  const preferences = (environment.LANGUAGE ?? '').split(':').filter((tag) => tag !== '');
  return pickLanguage([...preferences, localeName]);
}

/**
 * Every catalogue, read when the command starts: its module runner (bin/spotcheck-detect.mjs) is closed once
 * the command is loaded, so the app's on-demand chunks cannot be imported later.
 */
const bundledCatalogues = import.meta.glob<Catalogue>('../../src/i18n/locales/*/*.json', { import: 'default', eager: true });

export const cliCatalogueLoaders: CatalogueLoaders = Object.fromEntries(
  Object.entries(bundledCatalogues).map(([path, catalogue]) => [path.replace('../../src/i18n/', './'), async () => catalogue]),
);
