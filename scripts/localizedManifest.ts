// The web app manifest's name and description in every language Spotcheck speaks, from the catalogues
// (key common:manifest.*): English as the plain members, the others as `name_localized` /
// `description_localized` (W3C manifest localization), which installing browsers that support it show.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fallbackLanguage, supportedLanguages } from '../src/domain/languages.ts';

interface ManifestTexts {
  name: string;
  description: string;
}

function textsOf(language: string): ManifestTexts {
  const common = JSON.parse(readFileSync(resolve(import.meta.dirname, `../src/i18n/locales/${language}/common.json`), 'utf8')) as { manifest: ManifestTexts };
  return common.manifest;
}

export function localizedManifestTexts() {
  const others = supportedLanguages
    .filter((language) => language.code !== fallbackLanguage)
    .map((language) => [language.code, textsOf(language.code)] as const);
  return {
    ...textsOf(fallbackLanguage),
    lang: fallbackLanguage,
    dir: 'ltr' as const,
    name_localized: Object.fromEntries(others.map(([code, texts]) => [code, texts.name])),
    description_localized: Object.fromEntries(others.map(([code, texts]) => [code, texts.description])),
  };
}
