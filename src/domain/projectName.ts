// Project name rules (spec §1 and §5). Pure so the create dialog can check as the user types
// and the storage layer can enforce the same rule before writing.
import { UserFacingError } from './errors';

export const PROJECT_NAME_MAX_LENGTH = 255;

const PROJECT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$/;

/** Null when `name` is acceptable, otherwise the error to show; the name is never trimmed or altered. */
export function validateProjectName(name: string): UserFacingError | null {
  if (PROJECT_NAME_PATTERN.test(name)) return null;
  if (name.length === 0) return new UserFacingError('project.nameInvalid', { context: 'empty' });
  // Echoing a very long name back would bury the message.
  if (name.length > PROJECT_NAME_MAX_LENGTH) {
    return new UserFacingError('project.nameInvalid', { context: 'tooLong', length: name.length });
  }
  return new UserFacingError('project.nameInvalid', { name });
}
