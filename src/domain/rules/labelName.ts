// The rules for an anomaly label's name that hold wherever a label is made (the label dialogs,
// manifest colour maps, new projects): Unicode NFC, not empty, at most 64 characters, and no
// invisible or text-direction characters, which would let "dent" and a look-alike stand side by side.

/** Spotcheck: long enough for any real defect name, short enough for a label chip. */
export const maxLabelNameChars = 64;
/** How much of a refused name a message repeats: enough to find it, never the whole of a long one. */
const shownNameChars = 24;

/** Controls, format characters (zero-width, bidirectional overrides and isolates…) and line/paragraph separators. */
const invisibleCharacters = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

export type LabelNameProblem =
  | { reason: 'empty' }
  | { reason: 'tooLong'; params: { name: string; length: number; max: number } }
  | { reason: 'invisible'; params: { name: string; characters: string } };

/** The form every label name is stored and compared in. */
export function normalizeLabelName(name: string): string {
  return name.normalize('NFC').trim();
}

/** `name` as a message shows it: invisible characters dropped, a long one cut with "…". */
function shownName(name: string): string {
  const visible = name.replace(invisibleCharacters, '');
  return visible.length > shownNameChars ? `${visible.slice(0, shownNameChars)}…` : visible;
}

/** The first rule the (normalised) `name` breaks, or null. */
export function checkLabelName(name: string): LabelNameProblem | null {
  if (name.trim() === '') return { reason: 'empty' };
  const invisible = [...new Set(name.match(invisibleCharacters) ?? [])];
  if (invisible.length > 0) {
    const characters = invisible.map((character) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ');
    return { reason: 'invisible', params: { name: shownName(name), characters } };
  }
  const length = [...name].length;
  if (length > maxLabelNameChars) return { reason: 'tooLong', params: { name: shownName(name), length, max: maxLabelNameChars } };
  return null;
}
