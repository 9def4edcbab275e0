// Everything the annotation view needs for one image: the stored annotation, the decoded picture
// and mask, and where the image sits among its dataset's images (for previous/next).
import { UserFacingError } from '../domain/errors';
import { decodeLabelMaskPng } from '../domain/png';
import { loadAnnotation, type StoredAnnotation } from '../storage/annotations';
import { queryEntries } from '../storage/entries';
import type { SpotcheckDatabase } from '../storage/schema';

/** The project's labels are not part of it: the editor reads them live. */
export interface EditorData extends Omit<StoredAnnotation, 'labels'> {
  picture: HTMLImageElement;
  /** One label index per pixel, row by row; all 0 when the image has no mask. */
  maskPixels: Uint8Array;
  /** 0-based position by name within the dataset, and the dataset's image count. */
  position: number;
  total: number;
  previousId: string | null;
  nextId: string | null;
}

export async function decodePicture(blob: Blob): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(blob);
  try {
    const picture = new Image();
    picture.src = url;
    await picture.decode();
    return picture;
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function loadEditorData(db: SpotcheckDatabase, entryId: string): Promise<EditorData> {
  const annotation = await loadAnnotation(db, entryId);
  const { entry } = annotation;
  const [siblings, picture, maskBytes] = await Promise.all([
    queryEntries(db, entry.datasetId, { sort: 'name', offset: 0, limit: Number.MAX_SAFE_INTEGER }),
    decodePicture(annotation.image),
    annotation.mask ? annotation.mask.arrayBuffer() : null,
  ]);
  const decoded = maskBytes ? decodeLabelMaskPng(new Uint8Array(maskBytes)) : null;
  if (decoded && (decoded.width !== entry.width || decoded.height !== entry.height)) {
    throw new UserFacingError('labeling:errors.maskSize', { width: decoded.width, height: decoded.height, imageWidth: entry.width, imageHeight: entry.height });
  }
  const position = siblings.entries.findIndex((sibling) => sibling.id === entryId);
  return {
    ...annotation,
    picture,
    maskPixels: decoded?.mask ?? new Uint8Array(entry.width * entry.height),
    position,
    total: siblings.total,
    previousId: siblings.entries[position - 1]?.id ?? null,
    nextId: siblings.entries[position + 1]?.id ?? null,
  };
}
