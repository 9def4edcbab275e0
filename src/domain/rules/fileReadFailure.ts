// A chosen file that can no longer be read (moved, deleted or changed on disk after it was picked)
// fails with a DOMException such as NotReadableError, whose text names neither the file nor a fix.
import { UserFacingError } from '../errors';

/** Error names the File API uses when a picked file's bytes are gone or changed. */
const fileReadFailureNames = new Set(['NotReadableError', 'NotFoundError', 'SecurityError']);

/** `error` as a message naming `file` when it is a read failure; any other error as it is. */
export function asFileReadFailure(error: unknown, file: string): unknown {
  const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : null;
  return typeof name === 'string' && fileReadFailureNames.has(name) ? new UserFacingError('import:fileUnreadable', { file }) : error;
}
