// Errors a person at the station must understand. They carry an i18n key (namespace `errors`)
// and its parameters instead of English text, so the domain stays free of UI concerns.

export type MessageParams = Record<string, string | number>;

export class UserFacingError extends Error {
  readonly code: string;
  readonly params: MessageParams;

  constructor(code: string, params: MessageParams = {}) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'UserFacingError';
    this.code = code;
    this.params = params;
  }
}

export function isUserFacingError(error: unknown): error is UserFacingError {
  return error instanceof UserFacingError;
}
