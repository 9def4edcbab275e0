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
/**
 * Pictures decoding at once. The browser decodes a createImageBitmap on its own threads, so while this
 * worker reads one picture's pixels the next ones decode beside it; 4 × 576×768 RGBA is 7 MiB in flight.
 */
const decodeAheadImages = 4;

type DecodedEntry = { image: TrainingImage } | { failed: string };

export async function decodeTrainingImages(
  entries: readonly StoredTrainingEntry[],
  size: ImageSize,
  decoder: ImageDecoder,
  onDecoded?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<TrainingImage[]> {
  const images: TrainingImage[] = [];
  const failed: string[] = [];
  const pending = entries.slice(0, decodeAheadImages).map((entry) => decodeEntry(entry, size, decoder));
  for (let index = 0; index < entries.length; index += 1) {
    const decoded = await pending[index]!;
    signal?.throwIfAborted();
    const next = entries[index + decodeAheadImages];
    if (next) pending.push(decodeEntry(next, size, decoder));
    if ('failed' in decoded) failed.push(decoded.failed);
    else images.push(decoded.image);
    onDecoded?.(index + 1, entries.length);
  }
  if (failed.length > 0) {
    const listed = failed.slice(0, maxListedFiles).join(', ') + (failed.length > maxListedFiles ? ` … (+${failed.length - maxListedFiles})` : '');
    throw new UserFacingError('model.undecodableImages', { count: failed.length, files: listed });
  }
  return images;
}

/** Never rejects: a picture or mask that does not decode is named in the result. */
async function decodeEntry({ entry, image, mask }: StoredTrainingEntry, size: ImageSize, decoder: ImageDecoder): Promise<DecodedEntry> {
  const [decoded, labelMask] = await Promise.all([decoder.decodeFile(image, size).catch(() => undefined), mask ? decodeMask(mask, size) : undefined]);
  if (!decoded || labelMask === null) return { failed: decoded ? `${entry.sourceRef} (mask)` : entry.sourceRef };
  const frame = decoded.frame.width === size.width && decoded.frame.height === size.height ? decoded.frame : resizeRgbaBilinear(decoded.frame, size);
  return {
    image: {
      id: entry.id,
      ...(entry.contentHash ? { contentHash: entry.contentHash } : {}),
      rgb: rgbaToRgb(frame.data),
      width: size.width,
      height: size.height,
      classification: entry.classification!,
      ...(labelMask ? { mask: labelMask } : {}),
    },
  };
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
