// Annotation commands as data (name, label key, shortcut, key test, perform), excalidraw style:
// the keyboard triggers them and the help overlay lists them, from one definition each.
import type { Tool } from './tools';

/** What a command can do to the editor it runs in. */
export interface EditorActions {
  selectTool(tool: Tool): void;
  /** Picks the n-th label of the picker (0-based). */
  pickLabel(position: number): void;
  undo(): void;
  redo(): void;
  previous(): void;
  next(): void;
  save(): void;
  closeShape(): void;
  toggleHelp(): void;
}

export type KeyEventLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

export interface EditorCommand {
  name: string;
  /** i18n key of the description. */
  label: string;
  /** The keys as the help overlay shows them. */
  shortcut: string;
  keyTest(event: KeyEventLike): boolean;
  perform(actions: EditorActions, event: KeyEventLike): void;
}

const withModifier = (event: KeyEventLike) => event.ctrlKey || event.metaKey;

/** The bare key: Ctrl/Cmd/Alt combinations stay the browser's. */
const plainKey =
  (key: string) =>
  (event: KeyEventLike): boolean =>
    !withModifier(event) && !event.altKey && event.key.toLowerCase() === key;

const toolCommand = (tool: Tool, key: string): EditorCommand => ({
  name: `tool-${tool}`,
  label: `labeling:tools.${tool}`,
  shortcut: key.toUpperCase(),
  keyTest: plainKey(key),
  perform: (actions) => actions.selectTool(tool),
});

export const editorCommands: readonly EditorCommand[] = [
  toolCommand('brush', 'b'),
  toolCommand('eraser', 'e'),
  toolCommand('polygon', 'p'),
  toolCommand('rectangle', 'r'),
  toolCommand('lasso', 'l'),
  toolCommand('pan', 'h'),
  {
    name: 'pickLabel',
    label: 'labeling:commands.pickLabel',
    shortcut: '1–9',
    keyTest: (event) => !withModifier(event) && !event.altKey && /^[1-9]$/.test(event.key),
    perform: (actions, event) => actions.pickLabel(Number(event.key) - 1),
  },
  {
    name: 'closeShape',
    label: 'labeling:commands.closeShape',
    shortcut: 'Enter',
    keyTest: plainKey('enter'),
    perform: (actions) => actions.closeShape(),
  },
  {
    name: 'undo',
    label: 'labeling:commands.undo',
    shortcut: 'Ctrl+Z',
    keyTest: (event) => withModifier(event) && !event.shiftKey && event.key.toLowerCase() === 'z',
    perform: (actions) => actions.undo(),
  },
  {
    name: 'redo',
    label: 'labeling:commands.redo',
    shortcut: 'Ctrl+Shift+Z / Ctrl+Y',
    keyTest: (event) => withModifier(event) && ((event.shiftKey && event.key.toLowerCase() === 'z') || event.key.toLowerCase() === 'y'),
    perform: (actions) => actions.redo(),
  },
  {
    name: 'previous',
    label: 'labeling:commands.previous',
    shortcut: '← / PageUp',
    keyTest: (event) => !withModifier(event) && (event.key === 'ArrowLeft' || event.key === 'PageUp'),
    perform: (actions) => actions.previous(),
  },
  {
    name: 'next',
    label: 'labeling:commands.next',
    shortcut: '→ / PageDown',
    keyTest: (event) => !withModifier(event) && (event.key === 'ArrowRight' || event.key === 'PageDown'),
    perform: (actions) => actions.next(),
  },
  {
    name: 'save',
    label: 'labeling:commands.save',
    shortcut: 'Ctrl+S',
    keyTest: (event) => withModifier(event) && event.key.toLowerCase() === 's',
    perform: (actions) => actions.save(),
  },
  {
    name: 'help',
    label: 'labeling:commands.help',
    shortcut: '?',
    keyTest: (event) => event.key === '?',
    perform: (actions) => actions.toggleHelp(),
  },
];

/** Typing into a field is text, not a command. */
export function isTypingTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}
