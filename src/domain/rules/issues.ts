// The problem record every batch validator returns, so an import can list all problems at once
// and the UI renders each with describeError, exactly like a thrown UserFacingError.
import { UserFacingError, type MessageParams } from '../errors';

export type IssueSeverity = 'error' | 'warning';

export interface ValidationIssue {
  /** An i18n key, e.g. `import:manifest.notJson`. */
  code: string;
  params: MessageParams;
  severity: IssueSeverity;
}

export function errorIssue(code: string, params: MessageParams = {}): ValidationIssue {
  return { code, params, severity: 'error' };
}

export function warningIssue(code: string, params: MessageParams = {}): ValidationIssue {
  return { code, params, severity: 'warning' };
}

export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}

/** For callers that stop at a problem: the issue as a throwable, rendered by describeError. */
export function issueToError(issue: ValidationIssue): UserFacingError {
  return new UserFacingError(issue.code, issue.params);
}
