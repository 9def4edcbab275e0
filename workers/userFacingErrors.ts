// Lets a UserFacingError thrown in a worker arrive on the main thread as a UserFacingError, with
// its i18n code and parameters: comlink alone would turn it into a bare Error with a raw message.
import { transferHandlers, type TransferHandler } from 'comlink';
import { UserFacingError, type MessageParams } from '../src/domain/errors';

interface SerializedUserFacingError {
  userFacingError: { code: string; params: MessageParams };
}

function isSerializedUserFacingError(value: unknown): value is SerializedUserFacingError {
  return typeof value === 'object' && value !== null && 'userFacingError' in value;
}

/** Installs the handler in this realm; the worker and the page each call it once. */
export function transferUserFacingErrors(): void {
  const comlinkThrow = transferHandlers.get('throw') as TransferHandler<{ value: unknown }, unknown>;
  transferHandlers.set('throw', {
    canHandle: comlinkThrow.canHandle,
    serialize(thrown: { value: unknown }) {
      const { value } = thrown;
      if (value instanceof UserFacingError) {
        const serialized: SerializedUserFacingError = { userFacingError: { code: value.code, params: value.params } };
        return [{ isError: false, value: serialized }, []];
      }
      return comlinkThrow.serialize(thrown);
    },
    deserialize(serialized: unknown) {
      const value = (serialized as { value?: unknown }).value;
      if (isSerializedUserFacingError(value)) throw new UserFacingError(value.userFacingError.code, value.userFacingError.params);
      return comlinkThrow.deserialize(serialized);
    },
  } as TransferHandler<unknown, unknown>);
}
