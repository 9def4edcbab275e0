// The annotation editor's keyboard shortcuts: a key press anywhere on the page (except while
// typing or with a dialog open) runs the matching command of commands.ts on the latest actions.
import { useEffect, useRef } from 'react';
import { editorCommands, isTypingTarget, type EditorActions } from './commands';

export function useEditorShortcuts(actions: EditorActions): void {
  const actionsRef = useRef(actions);
  actionsRef.current = actions;

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      const command = editorCommands.find((each) => each.keyTest(event));
      if (!command) return;
      event.preventDefault();
      command.perform(actionsRef.current, event);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
