// The annotation keyboard commands: which key runs which command (exactly one, or none), what
// each does to the editor, and that every command has a help text.
import { describe, expect, it } from 'vitest';
import { i18n } from '../../src/i18n';
import { editorCommands, type EditorActions, type KeyEventLike } from '../../src/labeling/commands';

const key = (pressed: string, modifiers: Partial<KeyEventLike> = {}): KeyEventLike => ({
  key: pressed,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...modifiers,
});

/** The names of the commands the event would run. */
const commandsFor = (event: KeyEventLike) => editorCommands.filter((command) => command.keyTest(event)).map((command) => command.name);

/** What running the event's command did, as a log of calls. */
function perform(event: KeyEventLike): string[] {
  const calls: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      calls.push([name, ...args].join(' '));
  const actions: EditorActions = {
    selectTool: record('selectTool'),
    pickLabel: record('pickLabel'),
    undo: record('undo'),
    redo: record('redo'),
    previous: record('previous'),
    next: record('next'),
    save: record('save'),
    closeShape: record('closeShape'),
    toggleHelp: record('toggleHelp'),
  };
  for (const command of editorCommands.filter((each) => each.keyTest(event))) command.perform(actions, event);
  return calls;
}

describe('editor commands', () => {
  it.each([
    [key('b'), 'selectTool brush'],
    [key('B', { shiftKey: true }), 'selectTool brush'],
    [key('e'), 'selectTool eraser'],
    [key('p'), 'selectTool polygon'],
    [key('r'), 'selectTool rectangle'],
    [key('l'), 'selectTool lasso'],
    [key('h'), 'selectTool pan'],
    [key('1'), 'pickLabel 0'],
    [key('9'), 'pickLabel 8'],
    [key('Enter'), 'closeShape'],
    [key('z', { ctrlKey: true }), 'undo'],
    [key('z', { metaKey: true }), 'undo'],
    [key('Z', { ctrlKey: true, shiftKey: true }), 'redo'],
    [key('y', { ctrlKey: true }), 'redo'],
    [key('ArrowLeft'), 'previous'],
    [key('PageUp'), 'previous'],
    [key('ArrowRight'), 'next'],
    [key('PageDown'), 'next'],
    [key('s', { ctrlKey: true }), 'save'],
    [key('?', { shiftKey: true }), 'toggleHelp'],
  ])('%o runs exactly %s', (event, expected) => {
    expect(commandsFor(event)).toHaveLength(1);
    expect(perform(event)).toEqual([expected]);
  });

  it.each([
    key('0'),
    key('b', { ctrlKey: true }),
    key('e', { altKey: true }),
    key('s'),
    key('x'),
    key('ArrowLeft', { ctrlKey: true }),
    key('1', { metaKey: true }),
  ])('%o runs nothing (left to the browser)', (event) => {
    expect(perform(event)).toEqual([]);
  });

  it('has unique names and a help text for every command', () => {
    expect(new Set(editorCommands.map((command) => command.name)).size).toBe(editorCommands.length);
    for (const command of editorCommands) {
      expect(i18n.exists(command.label), command.label).toBe(true);
      expect(command.shortcut).not.toBe('');
    }
  });
});
