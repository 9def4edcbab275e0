// Cutting the region of interest out of the live video at the project size: an ImageBitmap for the
// detection worker (transferred, no copy), or a PNG for a capture. A video with no current picture,
// or a grab the browser refuses, is "camera.frameUnreadable".
import { UserFacingError } from '../domain/errors';
import type { ImageSize } from '../domain/types';
import type { Region } from './regionOfInterest';

export async function grabRegion(video: HTMLVideoElement, region: Region, size: ImageSize): Promise<ImageBitmap> {
  if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) throw new UserFacingError('camera.frameUnreadable');
  try {
    return await createImageBitmap(video, region.x, region.y, region.width, region.height, {
      resizeWidth: size.width,
      resizeHeight: size.height,
      resizeQuality: 'medium',
    });
  } catch {
    throw new UserFacingError('camera.frameUnreadable');
  }
}

/** PNG (lossless: the stored image is exactly what the model would see). */
export async function grabRegionPng(video: HTMLVideoElement, region: Region, size: ImageSize): Promise<Blob> {
  const bitmap = await grabRegion(video, region, size);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas.convertToBlob({ type: 'image/png' });
}
