// A protobuf text-format reader (the format of Triton's config.pbtxt) checked against a schema: protobufjs
// reads the .proto but not text format, so this reads `field: value`, `field { … }`, `field [ … ]`, maps
// (`key`/`value` blocks) and `#` comments, refusing any field the message type lacks and any value of the
// wrong kind (an unknown enum name, a fraction for an integer, an unquoted string), then builds the message
// with the schema's own fromObject and verify.
import protobuf from 'protobufjs';

type Token = { kind: 'name' | 'number' | 'string' | 'punct'; text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s+|#[^\n]*|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([{}[\]:,<>;])|(.)/gy;
  for (const match of text.matchAll(pattern)) {
    const [, string, number, name, punct, other] = match;
    if (other !== undefined) throw new SyntaxError(`Unexpected character ${JSON.stringify(other)} at offset ${match.index}`);
    if (string !== undefined) tokens.push({ kind: 'string', text: JSON.parse(`"${string.slice(1, -1).replace(/"/g, '\\"')}"`) as string });
    else if (number !== undefined) tokens.push({ kind: 'number', text: number });
    else if (name !== undefined) tokens.push({ kind: 'name', text: name });
    else if (punct !== undefined) tokens.push({ kind: 'punct', text: punct });
  }
  return tokens;
}

class Reader {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}
  peek(): Token | undefined {
    return this.tokens[this.position];
  }
  next(): Token {
    const token = this.tokens[this.position++];
    if (!token) throw new SyntaxError('Unexpected end of text');
    return token;
  }
  accept(punct: string): boolean {
    if (this.peek()?.kind === 'punct' && this.peek()!.text === punct) {
      this.position += 1;
      return true;
    }
    return false;
  }
  expect(punct: string): void {
    if (!this.accept(punct)) throw new SyntaxError(`Expected "${punct}", got ${JSON.stringify(this.peek()?.text)}`);
  }
}

const integerTypes = new Set(['int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64', 'fixed32', 'fixed64', 'sfixed32', 'sfixed64']);

function scalarOf(field: Pick<protobuf.Field, 'type' | 'resolvedType'>, token: Token, path: string): unknown {
  if (field.resolvedType instanceof protobuf.Enum) {
    if (token.kind !== 'name' || !(token.text in field.resolvedType.values)) throw new TypeError(`${path}: ${token.text} is not a ${field.type} value`);
    return field.resolvedType.values[token.text];
  }
  if (integerTypes.has(field.type)) {
    if (token.kind !== 'number' || !/^-?\d+$/.test(token.text)) throw new TypeError(`${path}: ${token.text} is not an integer (${field.type})`);
    return Number(token.text);
  }
  if (field.type === 'float' || field.type === 'double') {
    if (token.kind !== 'number') throw new TypeError(`${path}: ${token.text} is not a number`);
    return Number(token.text);
  }
  if (field.type === 'bool') {
    if (token.kind !== 'name' || !['true', 'false'].includes(token.text)) throw new TypeError(`${path}: ${token.text} is not true or false`);
    return token.text === 'true';
  }
  if (field.type === 'string' || field.type === 'bytes') {
    if (token.kind !== 'string') throw new TypeError(`${path}: ${token.text} is not a quoted string`);
    return token.text;
  }
  throw new TypeError(`${path}: field type ${field.type} is not supported here`);
}

/** After a field name: `: scalar`, `[:] { message }`, or for repeated fields also `[:] [ v, v ]`. */
function valuesOf(reader: Reader, field: protobuf.Field, path: string): unknown[] {
  const isMessage = field.resolvedType instanceof protobuf.Type;
  const colon = reader.accept(':');
  if (field.repeated && reader.accept('[')) {
    const values: unknown[] = [];
    while (!reader.accept(']')) {
      values.push(isMessage ? messageBlock(reader, field.resolvedType as protobuf.Type, path) : scalarOf(field, reader.next(), path));
      reader.accept(',');
    }
    return values;
  }
  if (isMessage) return [messageBlock(reader, field.resolvedType as protobuf.Type, path)];
  if (!colon) throw new SyntaxError(`${path}: expected ":" before the value`);
  return [scalarOf(field, reader.next(), path)];
}

function messageBlock(reader: Reader, type: protobuf.Type, path: string): Record<string, unknown> {
  const close = reader.accept('{') ? '}' : (reader.expect('<'), '>');
  const message = readFields(reader, type, path, close);
  reader.expect(close);
  return message;
}

function readFields(reader: Reader, type: protobuf.Type, path: string, close?: string): Record<string, unknown> {
  const message: Record<string, unknown> = {};
  while (reader.peek() && !(reader.peek()!.kind === 'punct' && reader.peek()!.text === close)) {
    const nameToken = reader.next();
    const field = type.fields[nameToken.text];
    const fieldPath = `${path}.${nameToken.text}`;
    if (nameToken.kind !== 'name' || !field) throw new TypeError(`${fieldPath}: ${type.name} has no field ${nameToken.text}`);
    field.resolve();
    if (field instanceof protobuf.MapField) {
      const entry = readMapEntry(reader, field, fieldPath);
      message[field.name] = { ...(message[field.name] as object), [entry.key]: entry.value };
    } else {
      const values = valuesOf(reader, field, fieldPath);
      if (field.repeated) message[field.name] = [...((message[field.name] as unknown[]) ?? []), ...values];
      else if (field.name in message) throw new TypeError(`${fieldPath}: set twice`);
      else message[field.name] = values[0];
    }
    if (!reader.accept(',')) reader.accept(';');
  }
  return message;
}

function readMapEntry(reader: Reader, field: protobuf.MapField, path: string): { key: string; value: unknown } {
  reader.accept(':');
  const close = reader.accept('{') ? '}' : (reader.expect('<'), '>');
  const entry: Record<string, unknown> = {};
  const keyField = new protobuf.Field('key', 1, field.keyType);
  while (!reader.accept(close)) {
    const name = reader.next().text;
    if (name === 'key') {
      reader.expect(':');
      entry.key = scalarOf(keyField, reader.next(), `${path}.key`);
    } else if (name === 'value') {
      const isMessage = field.resolvedType instanceof protobuf.Type;
      if (!reader.accept(':') && !isMessage) throw new SyntaxError(`${path}.value: expected ":"`);
      entry.value = isMessage ? messageBlock(reader, field.resolvedType as protobuf.Type, `${path}.value`) : scalarOf(field, reader.next(), `${path}.value`);
    } else throw new TypeError(`${path}: a map entry has only key and value, not ${name}`);
  }
  if (entry.key === undefined || entry.value === undefined) throw new TypeError(`${path}: a map entry needs a key and a value`);
  return { key: String(entry.key), value: entry.value };
}

/** Parses `text` as a `typeName` message of `protoText`; throws naming the field path on any mismatch. */
export function parseTextFormat(protoText: string, typeName: string, text: string): protobuf.Message & Record<string, unknown> {
  const type = protobuf.parse(protoText, { keepCase: true }).root.lookupType(typeName);
  type.root.resolveAll();
  const object = readFields(new Reader(tokenize(text)), type, typeName);
  const problem = type.verify(object);
  if (problem) throw new TypeError(`${typeName}: ${problem}`);
  return type.fromObject(object) as protobuf.Message & Record<string, unknown>;
}
