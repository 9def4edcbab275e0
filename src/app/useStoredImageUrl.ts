// An object URL for an image Blob in IndexedDB (its thumbnail when asked and stored, else the
// image itself), read only while the component showing it is mounted and revoked on unmount. Shared by
// the gallery, model test results and trial results (moved from datasets/gallery).
import { useEffect, useState } from 'react';
import { readImageBlob } from '../storage/blobs';
import { openSpotcheckDb } from '../storage/db';

export function useStoredImageUrl(imageId: string, preferThumbnail: boolean): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let current = true;
    void (async () => {
      const blob = await readImageBlob(await openSpotcheckDb(), imageId, preferThumbnail);
      if (!current || !blob) return;
      objectUrl = URL.createObjectURL(blob);
      setUrl(objectUrl);
      // An unreadable Blob leaves the tile without a picture; the gallery stays usable.
    })().catch(() => undefined);
    return () => {
      current = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
      setUrl(null);
    };
  }, [imageId, preferThumbnail]);
  return url;
}
