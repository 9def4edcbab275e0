// Every literal translation key used by the UI exists in the English resources, so no screen
// ever shows a raw key instead of text.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeError, i18n, switchLanguage } from '../../src/i18n';
import { formatDateTime, formatDecimals, formatNumber, formatPercent } from '../../src/i18n/format';
import frenchCommon from '../../src/i18n/locales/fr/common.json';
import chineseCommon from '../../src/i18n/locales/zh-CN/common.json';
import { UserFacingError } from '../../src/domain/errors';

const sourceRoot = resolve(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

describe('i18n', () => {
  it('resolves every t("…") key used in src/', () => {
    const keys = new Set<string>();
    for (const file of sourceFiles(sourceRoot)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([^'$]+)'/g)) keys.add(match[1]!);
    }
    expect(keys.size).toBeGreaterThan(20);
    // A key may be a plural (resolved with a count) or live in the `errors` namespace.
    const resolves = (key: string) => i18n.exists(key) || i18n.exists(key, { count: 2 }) || i18n.exists(key, { ns: 'errors' });
    const missing = [...keys].filter((key) => !resolves(key));
    expect(missing).toEqual([]);
  });

  it('renders user-provided text literally, never as markup', () => {
    const message = describeError(new UserFacingError('project.nameTaken', { name: '<img src=x onerror=alert(1)>' }));
    expect(message).toContain('<img src=x onerror=alert(1)>');
  });

  it('describes unexpected errors with the way forward first and their detail only as a note', () => {
    expect(describeError(new TypeError('boom'))).toBe(
      'This could not be finished because of an error Spotcheck did not foresee. Try again; if it happens again, reload the page. (Detail: boom)',
    );
  });
});

describe('other languages', () => {
  afterEach(() => switchLanguage('en'));

  it('loads a language on demand and shows its text, its plural forms and its number format', async () => {
    await switchLanguage('fr');
    expect(i18n.language).toBe('fr');
    const french = frenchCommon as { nav: { projects: string }; datasets: { export: Record<string, string> } };
    expect(i18n.t('nav.projects')).toBe(french.nav.projects);
    // French counts 0 and 1 as singular, and groups thousands with a (narrow) no-break space.
    expect(i18n.t('datasets.export.done', { count: 0 })).toBe(french.datasets.export.done_one!.replace('{{count, number}}', '0'));
    const thousands = i18n.t('datasets.export.done', { count: 1500 });
    expect(thousands).toMatch(/^1\s500 /u);
    expect(thousands.replace(/^1\s500/u, '{{count, number}}')).toBe(french.datasets.export.done_other);
  });

  it('names a dataset type in the language of the message, not as its stored code', async () => {
    await switchLanguage('zh-CN');
    const message = describeError(new UserFacingError('dataset.typeExists', { type: 'train' }));
    expect(message).toContain((chineseCommon as { datasets: { type: { train: string } } }).datasets.type.train);
    expect(message).not.toMatch(/train|\$t\(/);
  });

  it('writes percentages, numbers and dates as the chosen locale does', async () => {
    const moment = Date.UTC(2026, 11, 3, 12, 0);
    expect(formatPercent(0.857)).toBe('85.7%');
    await switchLanguage('fr');
    expect(formatPercent(0.857)).toMatch(/^85,7\s%$/u);
    expect(formatPercent(null)).toBe('—');
    expect(formatDecimals(0.5, 3)).toBe('0,500');
    expect(formatNumber(12345)).toMatch(/^12\s345$/u);
    await switchLanguage('zh-CN');
    expect(formatDateTime(moment)).toContain('2026年12月3日');
    await switchLanguage('pt-BR');
    expect(formatDecimals(1234.5, 1)).toBe('1.234,5');
  });
});
