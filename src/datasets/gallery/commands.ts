// Gallery commands as data (name, label key, key test, perform), excalidraw style: the toolbar
// renders them and the keyboard triggers them, from one definition each.
import type { ImageClass } from '../../domain/types';

/** What a command can do to the gallery it runs in. */
export interface GalleryActions {
  selectAllMatching(): void;
  clearSelection(): void;
  classify(classification: ImageClass): void;
  requestRemove(): void;
}

export type KeyEventLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>;

export interface GalleryCommand {
  name: 'selectAllMatching' | 'clearSelection' | 'classifyNormal' | 'classifyAnomaly' | 'remove';
  /** i18n key of the toolbar label. */
  label: string;
  /** The key as `aria-keyshortcuts` names it. */
  shortcut: string;
  needsSelection: boolean;
  keyTest(event: KeyEventLike): boolean;
  perform(actions: GalleryActions): void;
}

/** Only the bare key: Ctrl/Cmd/Alt combinations stay the browser's. */
const plainKey =
  (key: string) =>
  (event: KeyEventLike): boolean =>
    !event.ctrlKey && !event.metaKey && !event.altKey && event.key.toLowerCase() === key.toLowerCase();

export const galleryCommands: readonly GalleryCommand[] = [
  {
    name: 'selectAllMatching',
    label: 'datasets:gallery.commands.selectAllMatching',
    shortcut: 'A',
    needsSelection: false,
    keyTest: plainKey('a'),
    perform: (actions) => actions.selectAllMatching(),
  },
  {
    name: 'clearSelection',
    label: 'datasets:gallery.commands.clearSelection',
    shortcut: 'Escape',
    needsSelection: true,
    keyTest: plainKey('Escape'),
    perform: (actions) => actions.clearSelection(),
  },
  {
    name: 'classifyNormal',
    label: 'datasets:gallery.commands.classifyNormal',
    shortcut: 'N',
    needsSelection: true,
    keyTest: plainKey('n'),
    perform: (actions) => actions.classify('normal'),
  },
  {
    name: 'classifyAnomaly',
    label: 'datasets:gallery.commands.classifyAnomaly',
    shortcut: 'X',
    needsSelection: true,
    keyTest: plainKey('x'),
    perform: (actions) => actions.classify('anomaly'),
  },
  {
    name: 'remove',
    label: 'datasets:gallery.commands.remove',
    shortcut: 'Delete',
    needsSelection: true,
    keyTest: plainKey('Delete'),
    perform: (actions) => actions.requestRemove(),
  },
];

const nonTextInputTypes = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'range', 'file']);

interface TargetLike {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
  closest?(selector: string): unknown;
}

/** Keys typed into a text field, or pressed inside an open dialog, belong to that field or dialog. */
export function isOwnedByTarget(target: EventTarget | null): boolean {
  const element = target as TargetLike | null;
  if (!element || typeof element.closest !== 'function') return false;
  if (element.isContentEditable || element.closest('dialog')) return true;
  if (element.tagName === 'TEXTAREA' || element.tagName === 'SELECT') return true;
  return element.tagName === 'INPUT' && !nonTextInputTypes.has(element.type ?? 'text');
}

/** The command a key press triggers in a gallery with `selectedCount` selected images, if any. */
export function commandForKey(event: KeyEventLike, selectedCount: number): GalleryCommand | undefined {
  if (isOwnedByTarget(event.target)) return undefined;
  return galleryCommands.find((command) => command.keyTest(event) && (selectedCount > 0 || !command.needsSelection));
}
