// The languages Spotcheck speaks, and how a browser's language list picks one of them.
// Codes are BCP 47 tags as i18next and Intl take them; the names are written in their own language,
// so an operator finds theirs whatever the screen currently shows.

export const supportedLanguages = [
  { code: 'en', name: 'English' },
  { code: 'zh-CN', name: '简体中文' },
  { code: 'pt-BR', name: 'Português (Brasil)' },
  { code: 'id', name: 'Bahasa Indonesia' },
  { code: 'fr', name: 'Français' },
  { code: 'es', name: 'Español' },
] as const;

export type LanguageCode = (typeof supportedLanguages)[number]['code'];

export const fallbackLanguage: LanguageCode = 'en';

const codes: readonly string[] = supportedLanguages.map((language) => language.code);

export function isLanguageCode(value: unknown): value is LanguageCode {
  return typeof value === 'string' && codes.includes(value);
}

/**
 * The supported language of one browser tag: an exact match first ("pt-BR"), else by its primary
 * subtag, so every Chinese variant reads Simplified Chinese, every Portuguese one Brazilian Portuguese
 * and "in" (Indonesian's retired code, still sent by older Android) Indonesian. Null when none fits.
 */
export function languageOfTag(tag: string): LanguageCode | null {
  const lower = tag.trim().toLowerCase();
  const exact = supportedLanguages.find((language) => language.code.toLowerCase() === lower);
  if (exact) return exact.code;
  const primary = lower.split(/[-_]/)[0] ?? '';
  const byPrimary: Record<string, LanguageCode> = { en: 'en', zh: 'zh-CN', pt: 'pt-BR', id: 'id', in: 'id', fr: 'fr', es: 'es' };
  return byPrimary[primary] ?? null;
}

/** The first of the browser's preferred languages Spotcheck speaks (navigator.languages order), else English. */
export function pickLanguage(preferredTags: readonly string[]): LanguageCode {
  for (const tag of preferredTags) {
    const language = languageOfTag(tag);
    if (language) return language;
  }
  return fallbackLanguage;
}
