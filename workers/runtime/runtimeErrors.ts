// The detection runtime's errors (spec §4.3): `{ code, name, details }` with the gRPC-style codes
// Lookout for Vision's edge agent uses, carried intact across the worker boundary.
import { transferHandlers, type TransferHandler } from 'comlink';
import { isUserFacingError } from '../../src/domain/errors';

export const runtimeErrorCodes = {
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  INTERNAL: 13,
} as const;

export type RuntimeErrorName = keyof typeof runtimeErrorCodes;

export class DetectionRuntimeError extends Error {
  readonly code: number;
  override readonly name: RuntimeErrorName;
  readonly details: string;

  constructor(name: RuntimeErrorName, details: string) {
    super(`${name}: ${details}`);
    this.name = name;
    this.code = runtimeErrorCodes[name];
    this.details = details;
  }

  toJSON(): { code: number; name: RuntimeErrorName; details: string } {
    return { code: this.code, name: this.name, details: this.details };
  }
}

/** Anything that is not already a runtime error becomes UNKNOWN, keeping its message as details. */
export function asRuntimeError(error: unknown): DetectionRuntimeError {
  if (error instanceof DetectionRuntimeError) return error;
  return new DetectionRuntimeError('UNKNOWN', error instanceof Error ? error.message : String(error));
}

/** On the page: a crashed detection worker is the runtime failure spec §4.3 calls INTERNAL. */
export function crashAsInternal(error: unknown): unknown {
  if (isUserFacingError(error) && error.code === 'worker.crashed') {
    return new DetectionRuntimeError(
      'INTERNAL',
      `The detection worker stopped unexpectedly (${String(error.params.detail ?? 'unknown error')}); start the model again.`,
    );
  }
  return error;
}

interface SerializedRuntimeError {
  detectionRuntimeError: { name: RuntimeErrorName; details: string };
}

function isSerializedRuntimeError(value: unknown): value is SerializedRuntimeError {
  return typeof value === 'object' && value !== null && 'detectionRuntimeError' in value;
}

/**
 * Lets a DetectionRuntimeError thrown in the worker arrive on the page as one (comlink alone sends a
 * bare Error). Chains to whatever 'throw' handler is installed, so UserFacingErrors keep crossing too;
 * the worker and the page each call it once, after `transferUserFacingErrors`.
 */
export function transferDetectionRuntimeErrors(): void {
  const previous = transferHandlers.get('throw') as TransferHandler<{ value: unknown }, unknown>;
  if ((previous as { runtimeErrors?: true }).runtimeErrors) return;
  const handler = {
    runtimeErrors: true,
    canHandle: previous.canHandle,
    serialize(thrown: { value: unknown }) {
      const { value } = thrown;
      if (value instanceof DetectionRuntimeError) {
        const serialized: SerializedRuntimeError = { detectionRuntimeError: { name: value.name, details: value.details } };
        return [{ isError: false, value: serialized }, []];
      }
      return previous.serialize(thrown);
    },
    deserialize(serialized: unknown) {
      const value = (serialized as { value?: unknown }).value;
      if (isSerializedRuntimeError(value)) throw new DetectionRuntimeError(value.detectionRuntimeError.name, value.detectionRuntimeError.details);
      return previous.deserialize(serialized);
    },
  };
  transferHandlers.set('throw', handler as unknown as TransferHandler<unknown, unknown>);
}
