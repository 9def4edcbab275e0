// The app's own catalogues, read from src/i18n/locales, so the locale specs expect each language's text
// without copying it: `text('fr', 'common', 'nav.projects')`, with `{{variables}}` filled in.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const localesRoot = resolve(import.meta.dirname, '../../../src/i18n/locales');

export function text(language: string, namespace: string, key: string, variables: Record<string, string> = {}): string {
  const catalogue = JSON.parse(readFileSync(resolve(localesRoot, language, `${namespace}.json`), 'utf8')) as Record<string, unknown>;
  const template = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogue);
  if (typeof template !== 'string') throw new Error(`${language}/${namespace}.json has no text at ${key}`);
  return template.replace(/{{\s*(\w+)[^}]*}}/g, (_, name: string) => variables[name] ?? `{{${name}}}`);
}

/** Spaces of any width (Intl puts no-break and narrow no-break spaces in numbers) as plain spaces. */
export const plainSpaces = (value: string) => value.replace(/\s/gu, ' ');
