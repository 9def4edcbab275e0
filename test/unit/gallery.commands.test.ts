// Gallery keyboard commands: each key runs its command, needs a selection where it should, and
// keys typed into text fields or dialogs are left alone.
import { describe, expect, it, vi } from 'vitest';
import { commandForKey, galleryCommands, isOwnedByTarget, type GalleryActions, type KeyEventLike } from '../../src/datasets/gallery/commands';
import { i18n } from '../../src/i18n';

const checkbox = { tagName: 'INPUT', type: 'checkbox', closest: () => null };
const searchField = { tagName: 'INPUT', type: 'search', closest: () => null };
const insideDialog = { tagName: 'BUTTON', closest: (selector: string) => (selector === 'dialog' ? {} : null) };

function press(key: string, target: object = checkbox, modifiers: Partial<KeyEventLike> = {}): KeyEventLike {
  return { key, ctrlKey: false, metaKey: false, altKey: false, target: target as EventTarget, ...modifiers };
}

function recordingActions(): GalleryActions {
  return { selectAllMatching: vi.fn(), clearSelection: vi.fn(), classify: vi.fn(), requestRemove: vi.fn() };
}

describe('gallery commands', () => {
  it('map a, Escape, n, x and Delete to their actions', () => {
    const actions = recordingActions();
    for (const key of ['a', 'Escape', 'n', 'x', 'Delete']) commandForKey(press(key), 3)?.perform(actions);
    expect(actions.selectAllMatching).toHaveBeenCalledOnce();
    expect(actions.clearSelection).toHaveBeenCalledOnce();
    expect(actions.classify).toHaveBeenNthCalledWith(1, 'normal');
    expect(actions.classify).toHaveBeenNthCalledWith(2, 'anomaly');
    expect(actions.requestRemove).toHaveBeenCalledOnce();
  });

  it('need a selection, except select all', () => {
    expect(commandForKey(press('a'), 0)?.name).toBe('selectAllMatching');
    expect(commandForKey(press('x'), 0)).toBeUndefined();
    expect(commandForKey(press('Delete'), 0)).toBeUndefined();
  });

  it('leave keys to text fields, dialogs and browser shortcuts', () => {
    expect(isOwnedByTarget(searchField as unknown as EventTarget)).toBe(true);
    expect(commandForKey(press('n', searchField), 2)).toBeUndefined();
    expect(commandForKey(press('Delete', insideDialog), 2)).toBeUndefined();
    expect(commandForKey(press('a', checkbox, { ctrlKey: true }), 2)).toBeUndefined();
    expect(commandForKey(press('N'), 2)?.name).toBe('classifyNormal');
  });

  it('have a translated label each', () => {
    for (const command of galleryCommands) expect(i18n.exists(command.label)).toBe(true);
  });
});
