// The drop target for images, folders and zips used by imports, trial jobs and detect-on-files:
// highlighted while files are dragged over it, it hands the dropped files (folders walked) on.
import { useState, type DragEvent, type ReactNode } from 'react';
import { filesFromDrop, type SourceFile } from './fileSources';

export function FileDropZone({ onFiles, children }: { onFiles: (files: SourceFile[]) => void; children: ReactNode }) {
  const [dragging, setDragging] = useState(false);

  async function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    onFiles(await filesFromDrop(event.dataTransfer));
  }

  return (
    <div
      className={`drop-zone${dragging ? ' drop-zone-active' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => void onDrop(event)}
    >
      {children}
    </div>
  );
}
