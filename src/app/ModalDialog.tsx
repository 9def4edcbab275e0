// The one modal shell every dialog uses: a native <dialog> opened modally while mounted (focus
// trapped, Escape closes), titled by its heading, closed again when it unmounts.
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ModalDialogProps {
  title: string;
  /** Called when the dialog closes itself (Escape) or a button asks it to. */
  onClose: () => void;
  className?: string;
  /** Everything below the title: text, fields, and the `.dialog-actions` buttons. */
  children?: ReactNode;
}

export function ModalDialog({ title, onClose, className, children }: ModalDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog ref={dialogRef} className={className ? `dialog ${className}` : 'dialog'} onClose={onClose} aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
