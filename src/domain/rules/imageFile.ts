// Spec §5 checks on one image file, from facts already gathered (format sniffed from its first
// bytes, size from its header): format, pixel dimensions, file size, and the project's image size.
import type { ImageSize } from '../types';
import { errorIssue, type ValidationIssue } from './issues';
import { bytesPerMegabyte, maxImageBytes, maxImageSidePx, minImageSidePx } from './limits';

export type ImageFormat = 'png' | 'jpeg' | 'other';

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const jpegSignature = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((value, i) => bytes[i] === value);
}

/** The format by content: the file extension proves nothing. Needs the first 8 bytes. */
export function sniffImageFormat(firstBytes: Uint8Array): ImageFormat {
  if (startsWith(firstBytes, pngSignature)) return 'png';
  if (startsWith(firstBytes, jpegSignature)) return 'jpeg';
  return 'other';
}

export interface ImageFileFacts {
  file: string;
  byteLength: number;
  format: ImageFormat;
  /** Absent when the header could not be read; the format problem is then the one reported. */
  size?: ImageSize;
}

/**
 * Every §5 problem of one image. `projectSize` is null while the project has no image yet
 * (the first image then sets it).
 */
export function checkImageFile(facts: ImageFileFacts, projectSize: ImageSize | null): ValidationIssue[] {
  const { file, byteLength, format, size } = facts;
  if (byteLength === 0) return [errorIssue('import:image.empty', { file })];
  const issues: ValidationIssue[] = [];
  if (format === 'other') issues.push(errorIssue('import:image.notImage', { file }));
  if (byteLength > maxImageBytes) {
    issues.push(errorIssue('import:image.tooManyBytes', { file, megabytes: byteLength / bytesPerMegabyte, limitMegabytes: maxImageBytes / bytesPerMegabyte }));
  }
  if (format === 'other' || !size) return issues;
  const { width, height } = size;
  if (width < minImageSidePx || height < minImageSidePx) {
    issues.push(errorIssue('import:image.tooSmall', { file, width, height, min: minImageSidePx }));
  } else if (width > maxImageSidePx || height > maxImageSidePx) {
    issues.push(errorIssue('import:image.tooLarge', { file, width, height, max: maxImageSidePx }));
  } else if (projectSize && (width !== projectSize.width || height !== projectSize.height)) {
    issues.push(
      errorIssue('import:image.sizeMismatch', {
        file,
        width,
        height,
        projectWidth: projectSize.width,
        projectHeight: projectSize.height,
      }),
    );
  }
  return issues;
}

/**
 * Spec §5 applied to a project size: it must be a size an image may have, or nothing could ever be
 * added. Whatever sets a size from outside (a project zip, a model package) checks it with this.
 */
export function checkProjectImageSize({ width, height }: ImageSize): ValidationIssue | null {
  const usable = [width, height].every((side) => Number.isInteger(side) && side >= minImageSidePx && side <= maxImageSidePx);
  return usable ? null : errorIssue('project.sizeOutOfRange', { width, height, min: minImageSidePx, max: maxImageSidePx });
}
