// Reading one stored picture for display: a tile's thumbnail (when one was made) or the image.
import type { IDBPDatabase } from 'idb';
import type { SpotcheckDB } from './schema';

export async function readImageBlob(db: IDBPDatabase<SpotcheckDB>, imageId: string, preferThumbnail: boolean): Promise<Blob | undefined> {
  const record = (preferThumbnail ? await db.get('thumbnails', imageId) : undefined) ?? (await db.get('images', imageId));
  return record?.blob;
}
