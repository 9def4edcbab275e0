// Every language's catalogues say everything English says: no key missing or empty, none English lacks,
// the same interpolation variables (plural families compared as a whole, since a "one" form may leave out
// {{count}}), and exactly the plural forms the language's Intl.PluralRules uses (Chinese and Indonesian:
// "other" only; French, Spanish, Portuguese: "one", "many", "other").
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { supportedLanguages } from '../../src/domain/languages';

const localesRoot = resolve(__dirname, '../../src/i18n/locales');
const pluralCategories = ['zero', 'one', 'two', 'few', 'many', 'other'];
type Catalogue = Record<string, string>;

function flatten(tree: object, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value && typeof value === 'object' ? flatten(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  );
}

function readCatalogue(language: string, file: string): Catalogue {
  return Object.fromEntries(flatten(JSON.parse(readFileSync(join(localesRoot, language, file), 'utf8')) as object)) as Catalogue;
}

/** `{{name}}` / `{{name, number}}` → name, and `$t(key)` nestings, sorted. */
function variablesOf(text: string): string[] {
  return [...text.matchAll(/{{\s*([^},\s]+)[^}]*}}|\$t\(([^)]*)\)/g)].map((match) => match[1] ?? `$t(${match[2]})`).sort();
}

/** English keys grouped: a plural family by its base ("files_one" + "files_other" → "files"), others alone. */
function englishGroups(english: Catalogue): Map<string, { plural: boolean; keys: string[] }> {
  const suffixed = Object.keys(english).map((key) => key.match(/^(.*)_([A-Za-z]+)$/));
  // "notPng_other" beside "notPng_jpeg" is an i18next context, not a plural.
  const contextBases = new Set(suffixed.flatMap((match) => (match && !pluralCategories.includes(match[2]!) ? [match[1]!] : [])));
  const groups = new Map<string, { plural: boolean; keys: string[] }>();
  for (const key of Object.keys(english)) {
    const match = key.match(/^(.*)_(zero|one|two|few|many|other)$/);
    const plural = match !== null && !contextBases.has(match[1]!);
    const base = plural ? match[1]! : key;
    const group = groups.get(base) ?? { plural, keys: [] };
    group.keys.push(key);
    groups.set(base, group);
  }
  return groups;
}

const familyVariables = (catalogue: Catalogue, keys: readonly string[]) => [...new Set(keys.flatMap((key) => variablesOf(catalogue[key] ?? '')))].sort();

/** Everything wrong with `translated` (one file of `language`) against `english`, as readable lines. */
function problemsBetween(file: string, english: Catalogue, translated: Catalogue, language: string): string[] {
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const expectedKeys = new Set<string>();
  const problems: string[] = [];
  for (const [base, group] of englishGroups(english)) {
    const keys = group.plural ? categories.map((category) => `${base}_${category}`) : group.keys;
    keys.forEach((key) => expectedKeys.add(key));
    for (const key of keys) {
      const value = translated[key];
      if (value === undefined) problems.push(`${file}: ${key} is missing`);
      else if (typeof value !== 'string' || value.trim() === '') problems.push(`${file}: ${key} is empty`);
    }
    const englishVariables = familyVariables(english, group.keys).join(', ');
    const translatedVariables = familyVariables(translated, keys).join(', ');
    if (englishVariables !== translatedVariables) problems.push(`${file}: ${base} has variables [${translatedVariables}], English [${englishVariables}]`);
  }
  for (const key of Object.keys(translated)) if (!expectedKeys.has(key)) problems.push(`${file}: ${key} is not in English`);
  return problems;
}

const problemsOf = (language: string, file: string) => problemsBetween(file, readCatalogue('en', file), readCatalogue(language, file), language);

const englishFiles = readdirSync(join(localesRoot, 'en')).filter((file) => file.endsWith('.json'));

describe('translation catalogues', () => {
  it('English itself is consistent (the rule below holds for it)', () => {
    expect(englishFiles.length).toBeGreaterThan(5);
    expect(englishFiles.flatMap((file) => problemsOf('en', file))).toEqual([]);
  });

  for (const { code } of supportedLanguages.filter((language) => language.code !== 'en')) {
    it(`${code} has every English file and no other`, () => {
      expect(readdirSync(join(localesRoot, code)).sort()).toEqual([...englishFiles].sort());
    });

    it(`${code} says everything English says, with the same variables and its own plural forms`, () => {
      expect(englishFiles.flatMap((file) => problemsOf(code, file))).toEqual([]);
    });
  }

  it('finds a missing key, an empty one, an extra one, a changed variable and a missing plural form', () => {
    // The rule applied to a made-up French catalogue beside English, both in memory.
    const english: Catalogue = { 'a.title': 'Title of {{name}}', 'a.files_one': 'One file', 'a.files_other': '{{count}} files', 'a.gone': 'Gone' };
    const french: Catalogue = {
      'a.title': 'Titre de {{nom}}',
      'a.files_one': '{{count}} fichier',
      'a.files_other': '{{count}} fichiers',
      'a.gone': ' ',
      'a.extra': 'En trop',
    };
    expect(problemsBetween('probe.json', english, french, 'fr')).toEqual([
      'probe.json: a.title has variables [nom], English [name]',
      'probe.json: a.files_many is missing',
      'probe.json: a.gone is empty',
      'probe.json: a.extra is not in English',
    ]);
    // Chinese has one form only: "other" alone is complete, a "one" form is extra.
    const chinese: Catalogue = { 'a.title': '{{name}} 的标题', 'a.files_one': '一个文件', 'a.files_other': '{{count}} 个文件', 'a.gone': '已删除' };
    expect(problemsBetween('probe.json', english, chinese, 'zh-CN')).toEqual(['probe.json: a.files_one is not in English']);
  });
});
