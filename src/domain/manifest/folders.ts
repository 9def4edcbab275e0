// Spec §2.6: labels from the first-level folder of a chosen folder (`normal/…`, `anomaly/…`).
import type { ImageClass } from '../types';

/**
 * `relativePath` is relative to the chosen folder (strip the folder's own name that
 * `webkitRelativePath` starts with). Deeper folders play no part; files at the top are unlabeled.
 */
export function classifyByFolder(relativePath: string): ImageClass | null {
  const segments = relativePath
    .replaceAll('\\', '/')
    .split('/')
    .filter((segment) => segment !== '');
  if (segments.length < 2) return null;
  const folder = segments[0]!.toLowerCase();
  return folder === 'normal' || folder === 'anomaly' ? folder : null;
}
