// ESLint for the whole repository: typescript-eslint's `strict` rules (syntax only, no type
// information, so `eslint .` stays fast on a 2-core machine) and the two classic React hook rules.
//
// TypeScript versions: `tsc` (typecheck) is TypeScript 7, the native compiler, whose npm package
// has no JavaScript compiler API; typescript-eslint needs that API (peer `typescript <6.1`). So,
// as the TypeScript 7 release notes suggest for running side by side with 6.0, package.json maps
// the name `typescript` to `@typescript/typescript6` (what `require('typescript')` gives the lint
// parser) and installs TypeScript 7 as `@typescript/native`, which provides the `tsc` binary.
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'dev-dist/', 'coverage/', 'test-results/', 'test-reports/', 'playwright-report/', 'bench-results/']),
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    extends: [tseslint.configs.strict],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // tsconfig's noUncheckedIndexedAccess types every `array[i]` as possibly undefined; the
      // numeric loops (engine, PNG, metrics) and tests assert in-range indices with `!`, which is
      // the project's idiom: a runtime check per typed-array element would cost speed and say less.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // The same convention as tsc's noUnusedLocals: a leading `_` marks a deliberately unused
      // name, e.g. a property dropped by `const { mask: _mask, ...rest } = image`.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Test helpers named `use…` (useFreshDatabase, useSyntheticWorkerProject) register vitest
    // beforeEach/afterEach hooks; they are not React hooks. React code in tests lives in .tsx.
    files: ['test/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
);
