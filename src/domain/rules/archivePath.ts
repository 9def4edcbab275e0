// Zip entries name where their content goes; one that climbs out of the import root or is
// absolute must never be accepted (zip-slip), whatever reads the archive.
import { UserFacingError } from '../errors';

/**
 * The entry path with `\` as `/` and `.` segments removed; throws for `..` segments and
 * absolute paths (`/x`, `\x`, `C:…`, `//host/…`).
 */
export function validateArchivePath(path: string): string {
  const slashed = path.replaceAll('\\', '/');
  const unsafe = slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed) || slashed.split('/').includes('..');
  if (unsafe) throw new UserFacingError('import:archive.unsafePath', { path });
  const segments = slashed.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.length === 0) throw new UserFacingError('import:archive.emptyPath', { path });
  return segments.join('/');
}
