// Every literal translation key used by the UI exists in the English resources, so no screen
// ever shows a raw key instead of text.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeError, i18n } from '../../src/i18n';
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
