// Decodes one imported image file in a worker and checks it against spec §5: format by content,
// pixel size, file size and the project's size. Makes its thumbnail once, and when the size is
// wrong, offers the image resized or cropped to the project size instead of only refusing it.
import { errorIssue, hasErrors, type ValidationIssue } from '../../src/domain/rules/issues';
import { checkImageFile, sniffImageFormat } from '../../src/domain/rules/imageFile';
import type { ImageSize } from '../../src/domain/types';
import { contentHash } from '../../src/domain/contentHash';

export const thumbnailMaxSidePx = 256;
const thumbnailJpegQuality = 0.8;
const formatSniffBytes = 8;

export type FitMode = 'resize' | 'crop';

export interface InspectedImage {
  file: string;
  contentHash: string;
  width: number;
  height: number;
  /** The bytes to store: the original file, or the fitted PNG when `fitted` is set. */
  image: Blob;
  thumbnail: Blob;
  /** Set when the original had another size and was resized or cropped to the project size. */
  fitted: { mode: FitMode; originalWidth: number; originalHeight: number } | null;
}

export type InspectionResult = { ok: true; image: InspectedImage; warnings: ValidationIssue[] } | { ok: false; issues: ValidationIssue[] };

async function decode(blob: Blob): Promise<ImageBitmap | null> {
  try {
    return await createImageBitmap(blob);
  } catch {
    return null;
  }
}

function drawTo(bitmap: ImageBitmap, width: number, height: number, mode: FitMode): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  if (mode === 'resize') {
    context.drawImage(bitmap, 0, 0, width, height);
  } else {
    // Centre crop at the scale that covers the target, so no border appears.
    const scale = Math.max(width / bitmap.width, height / bitmap.height);
    const sourceWidth = width / scale;
    const sourceHeight = height / scale;
    context.drawImage(bitmap, (bitmap.width - sourceWidth) / 2, (bitmap.height - sourceHeight) / 2, sourceWidth, sourceHeight, 0, 0, width, height);
  }
  return canvas;
}

function makeThumbnail(bitmap: ImageBitmap): Promise<Blob> {
  const scale = Math.min(1, thumbnailMaxSidePx / Math.max(bitmap.width, bitmap.height));
  const canvas = drawTo(bitmap, Math.max(1, Math.round(bitmap.width * scale)), Math.max(1, Math.round(bitmap.height * scale)), 'resize');
  return canvas.convertToBlob({ type: 'image/jpeg', quality: thumbnailJpegQuality });
}

/**
 * `fitMode` answers the §5 offer for images of another size than the project's: without it
 * such an image is refused with the size-mismatch message.
 */
export async function inspectImage(file: string, blob: Blob, projectSize: ImageSize | null, fitMode?: FitMode): Promise<InspectionResult> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const format = sniffImageFormat(bytes.subarray(0, formatSniffBytes));
  const bitmap = format === 'other' || bytes.length === 0 ? null : await decode(blob);
  if (format !== 'other' && bytes.length > 0 && !bitmap) return { ok: false, issues: [errorIssue('import:image.corrupt', { file })] };
  const size = bitmap ? { width: bitmap.width, height: bitmap.height } : undefined;
  const issues = checkImageFile({ file, byteLength: bytes.length, format, ...(size ? { size } : {}) }, projectSize);
  const sizeMismatchOnly = issues.length === 1 && issues[0]!.code === 'import:image.sizeMismatch';
  try {
    if (sizeMismatchOnly && fitMode && bitmap && projectSize) {
      const fittedBlob = await drawTo(bitmap, projectSize.width, projectSize.height, fitMode).convertToBlob({ type: 'image/png' });
      const fittedBitmap = await createImageBitmap(fittedBlob);
      try {
        return {
          ok: true,
          image: {
            file,
            contentHash: await contentHash(await fittedBlob.arrayBuffer()),
            width: projectSize.width,
            height: projectSize.height,
            image: fittedBlob,
            thumbnail: await makeThumbnail(fittedBitmap),
            fitted: { mode: fitMode, originalWidth: bitmap.width, originalHeight: bitmap.height },
          },
          warnings: [],
        };
      } finally {
        fittedBitmap.close();
      }
    }
    if (hasErrors(issues) || !bitmap) return { ok: false, issues };
    return {
      ok: true,
      image: {
        file,
        contentHash: await contentHash(bytes),
        width: bitmap.width,
        height: bitmap.height,
        image: blob,
        thumbnail: await makeThumbnail(bitmap),
        fitted: null,
      },
      warnings: issues,
    };
  } finally {
    bitmap?.close();
  }
}
