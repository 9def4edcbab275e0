// The Blobs a dataset entry owns (image, thumbnail, mask) go when the entry goes or is replaced,
// so no delete path can leave orphaned image bytes behind.
import type { DatasetEntry } from '../domain/types';
import type { WriteStore } from './transaction';

export interface BlobStores {
  images: WriteStore<'images'>;
  thumbnails: WriteStore<'thumbnails'>;
  masks: WriteStore<'masks'>;
}

/** Requests deleting `owner`'s image, its thumbnail (stored under the image's id) and its mask. */
export function blobDeletions(stores: BlobStores, owner: Pick<DatasetEntry, 'imageId' | 'maskId'>): (() => Promise<unknown>)[] {
  const { imageId, maskId } = owner;
  return [() => stores.images.delete(imageId), () => stores.thumbnails.delete(imageId), ...(maskId ? [() => stores.masks.delete(maskId)] : [])];
}
