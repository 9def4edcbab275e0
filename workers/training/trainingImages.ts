// Stored entries → the engine's TrainingImages: pictures decoded to RGB888 at the project size (resized
// if a stored picture differs), masks to label indices. Every picture or mask that does not decode is
// collected and reported by name in one error; none is silently left out.
import { UserFacingError } from '../../src/domain/errors';
import { decodeLabelMaskPng } from '../../src/domain/png';
import type { ImageSize } from '../../src/domain/types';
import type { StoredTrainingEntry } from '../../src/storage/trainingData';
import type { TrainingImage } from '../engine/training/types';
import { resizeRgbaBilinear, rgbaToRgb, type ImageDecoder } from '../runtime/detectionInput';

/** Names listed in the error before "and N more", so the message stays readable. */
const maxListedFiles = 20;

export async function decodeTrainingImages(
  entries: readonly StoredTrainingEntry[],
  size: ImageSize,
  decoder: ImageDecoder,
  onDecoded?: (done: number, total: number) => void,
): Promise<TrainingImage[]> {
  const images: TrainingImage[] = [];
  const failed: string[] = [];
  for (const [index, { entry, image, mask }] of entries.entries()) {
    const decoded = await decoder.decodeFile(image, size).catch(() => undefined);
    const labelMask = mask ? await decodeMask(mask, size) : undefined;
    if (!decoded || labelMask === null) {
      failed.push(decoded ? `${entry.sourceRef} (mask)` : entry.sourceRef);
    } else {
      const frame = decoded.frame.width === size.width && decoded.frame.height === size.height ? decoded.frame : resizeRgbaBilinear(decoded.frame, size);
      images.push({
        id: entry.id,
        ...(entry.contentHash ? { contentHash: entry.contentHash } : {}),
        rgb: rgbaToRgb(frame.data),
        width: size.width,
        height: size.height,
        classification: entry.classification!,
        ...(labelMask ? { mask: labelMask } : {}),
      });
    }
    onDecoded?.(index + 1, entries.length);
  }
  if (failed.length > 0) {
    const listed = failed.slice(0, maxListedFiles).join(', ') + (failed.length > maxListedFiles ? ` … (+${failed.length - maxListedFiles})` : '');
    throw new UserFacingError('model.undecodableImages', { count: failed.length, files: listed });
  }
  return images;
}

/** Null when the mask is not a label-index PNG of the project size. */
async function decodeMask(blob: Blob, size: ImageSize): Promise<Uint8Array | null> {
  try {
    const { width, height, mask } = decodeLabelMaskPng(new Uint8Array(await blob.arrayBuffer()));
    return width === size.width && height === size.height ? mask : null;
  } catch {
    return null;
  }
}
