// Reads one JavaScript literal (object, array, string, number, boolean, null) from minified source,
// so the model files that npm packages ship as UMD scripts can be loaded without evaluating them.

export type JsLiteral = string | number | boolean | null | JsLiteral[] | { [key: string]: JsLiteral };

const identifierPattern = /[A-Za-z_$][\w$]*/y;
const numberPattern = /-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const keywordValues: ReadonlyArray<readonly [string, JsLiteral]> = [
  // Minifiers write true/false as !0/!1 and undefined as void 0 (kept as null: JSON has no undefined).
  ['!0', true],
  ['!1', false],
  ['true', true],
  ['false', false],
  ['null', null],
  ['void 0', null],
];
const simpleEscapes: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0' };

/** Parses the literal starting at `start`; returns it with the index just after it. */
export function parseJsLiteral(source: string, start: number): { value: JsLiteral; end: number } {
  let position = start;

  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at offset ${position}: ${JSON.stringify(source.slice(position, position + 40))}`);
  };
  const skipSpace = () => {
    while (/\s/.test(source[position] ?? '')) position++;
  };
  const expect = (char: string) => {
    skipSpace();
    if (source[position] !== char) fail(`Expected "${char}"`);
    position++;
  };
  const matchSticky = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = position;
    const match = pattern.exec(source);
    if (!match) return undefined;
    position += match[0].length;
    return match[0];
  };

  const parseString = (): string => {
    const quote = source[position++]!;
    let result = '';
    for (;;) {
      // Long runs without escapes (base64 weight shards are megabytes) are copied in one slice.
      let runEnd = position;
      while (runEnd < source.length && source[runEnd] !== quote && source[runEnd] !== '\\') runEnd++;
      result += source.slice(position, runEnd);
      position = runEnd;
      const char = source[position++];
      if (char === undefined) fail('Unterminated string');
      if (char === quote) return result;
      const escaped = source[position++] ?? fail('Unterminated escape');
      if (escaped === 'u' || escaped === 'x') {
        const length = escaped === 'u' ? 4 : 2;
        const hex = source.slice(position, position + length);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) fail('Bad escape');
        result += String.fromCharCode(Number.parseInt(hex, 16));
        position += length;
      } else {
        result += simpleEscapes[escaped] ?? escaped;
      }
    }
  };

  const parseValue = (): JsLiteral => {
    skipSpace();
    const char = source[position];
    if (char === '{') return parseObject();
    if (char === '[') return parseArray();
    if (char === '"' || char === "'") return parseString();
    for (const [keyword, value] of keywordValues) {
      if (source.startsWith(keyword, position)) {
        position += keyword.length;
        return value;
      }
    }
    const number = matchSticky(numberPattern);
    return number === undefined ? fail('Expected a literal') : Number(number);
  };

  const parseKey = (): string => {
    skipSpace();
    const char = source[position];
    if (char === '"' || char === "'") return parseString();
    return matchSticky(identifierPattern) ?? matchSticky(numberPattern) ?? fail('Expected a property name');
  };

  const parseObject = (): { [key: string]: JsLiteral } => {
    const result: { [key: string]: JsLiteral } = {};
    expect('{');
    skipSpace();
    if (source[position] === '}') {
      position++;
      return result;
    }
    for (;;) {
      const key = parseKey();
      expect(':');
      result[key] = parseValue();
      skipSpace();
      if (source[position] === '}') {
        position++;
        return result;
      }
      expect(',');
    }
  };

  const parseArray = (): JsLiteral[] => {
    const result: JsLiteral[] = [];
    expect('[');
    skipSpace();
    if (source[position] === ']') {
      position++;
      return result;
    }
    for (;;) {
      result.push(parseValue());
      skipSpace();
      if (source[position] === ']') {
        position++;
        return result;
      }
      expect(',');
    }
  };

  const value = parseValue();
  return { value, end: position };
}
