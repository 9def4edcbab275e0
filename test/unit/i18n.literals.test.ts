// No user-facing text is written outside the catalogues: scans src/ and workers/ with the TypeScript parser
// for JSX text, user-facing JSX attributes, literals handed to the notice/dialog functions, and Error messages
// that are shown as they are. (A thrown Error's own message is never shown as the message: describeError
// gives the translated "unexpected error" line with it as a detail note — see i18n.test.ts.)
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { resources } from '../../src/i18n';

const repoRoot = resolve(__dirname, '../..');
const scannedRoots = ['src', 'workers'].map((folder) => join(repoRoot, folder));

/** Attributes a person reads or hears (screen readers): their literal values must be translated. */
const readAttributes = new Set(['title', 'aria-label', 'aria-description', 'aria-valuetext', 'placeholder', 'alt', 'label']);
/** Functions that put their argument in front of the user. */
const showingFunctions = new Set(['alert', 'confirm', 'prompt', 'showError', 'showInfo', 'showNotice', 'setProblem', 'setMessage']);
/** A literal "says something" when it holds a letter of any script; "—", "×", "·", "%" or digits alone do not. */
const hasWords = (text: string) => /\p{L}{2,}/u.test(text);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [join(dir, entry.name)] : [],
  );
}

function literalText(node: ts.Node | undefined): string | null {
  if (!node) return null;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('…');
  if (ts.isJsxExpression(node)) return literalText(node.expression);
  return null;
}

function calleeName(call: ts.CallExpression): string {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return '';
}

/** An Error built from a literal right where it is shown (`showError(new Error('…'))`). */
function errorLiteral(node: ts.Expression): string | null {
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && /Error$/.test(node.expression.text)) return literalText(node.arguments?.[0]);
  return null;
}

function untranslatedIn(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const report = (node: ts.Node, what: string) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push(`${relative(repoRoot, file)}:${line} ${what}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) report(node, `JSX text "${node.text.trim()}"`);
    if (ts.isJsxAttribute(node) && readAttributes.has(node.name.getText(source))) {
      const value = literalText(node.initializer);
      if (value !== null && hasWords(value)) report(node, `attribute ${node.name.getText(source)}="${value}"`);
    }
    if (ts.isCallExpression(node) && showingFunctions.has(calleeName(node))) {
      for (const argument of node.arguments) {
        const value = literalText(argument) ?? errorLiteral(argument);
        if (value !== null && hasWords(value)) report(node, `${calleeName(node)}("${value}")`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Error and issue codes written as literals: `new UserFacingError('code'…)`, `errorIssue('import:code'…)`. */
const codeMakers = new Set(['UserFacingError', 'errorIssue', 'warningIssue']);

function errorCodesIn(file: string): { code: string; where: string }[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const codes: { code: string; where: string }[] = [];
  const visit = (node: ts.Node) => {
    const made = ts.isNewExpression(node) || ts.isCallExpression(node) ? node : null;
    const maker = made && ts.isIdentifier(made.expression) ? made.expression.text : '';
    const code = codeMakers.has(maker) ? literalText(made?.arguments?.[0]) : null;
    if (code !== null && !code.includes('…')) {
      codes.push({ code, where: `${relative(repoRoot, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return codes;
}

function flatKeys(catalogue: object, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) => (value && typeof value === 'object' ? flatKeys(value, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

/** A code resolves when its key exists, or as the base of plural/context forms (`code_one`, `code_jpeg`). */
function resolvesInEnglish(code: string): boolean {
  const [namespace, key] = code.includes(':') ? (code.split(':') as [string, string]) : ['errors', code];
  const catalogue = (resources.en as Record<string, object>)[namespace];
  if (!catalogue) return false;
  return flatKeys(catalogue).some((each) => each === key || each.startsWith(`${key}_`));
}

describe('user-facing text', () => {
  it('names only error codes that have a message in the catalogues', () => {
    const codes = scannedRoots.flatMap(sourceFiles).flatMap(errorCodesIn);
    expect(codes.length).toBeGreaterThan(50);
    expect(codes.filter(({ code }) => !resolvesInEnglish(code)).map(({ code, where }) => `${where} ${code}`)).toEqual([]);
  });

  it('is never written outside the catalogues in src/ or workers/', () => {
    const files = scannedRoots.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap(untranslatedIn)).toEqual([]);
  });

  it('finds each kind of literal it is meant to find', () => {
    const probe = join(repoRoot, 'test/fixtures/i18n/untranslatedLiterals.tsx');
    const found = untranslatedIn(probe).map((line) => line.replace(/^[^ ]+ /, ''));
    expect(found).toEqual([
      'showError("Something went wrong")',
      'alert("Done!")',
      'showInfo("Saved … images")',
      'JSX text "Save changes"',
      'attribute aria-label="Close dialog"',
      'attribute title="Delete the image"',
    ]);
  });
});
