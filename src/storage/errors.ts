// Translates IndexedDB/DOM failures into UserFacingErrors, so a full disk or a storage fault reads as
// advice instead of a DOMException. Programming errors (TypeError…) pass through unchanged.
import { UserFacingError, isUserFacingError } from '../domain/errors';
import { readStorageEstimate, type StorageEstimate } from './estimate';

const BYTES_PER_MEGABYTE = 1_000_000;
const MAX_WRAPPING_DEPTH = 5;

interface PossiblyWrappedError {
  name?: unknown;
  /** Dexie-style wrappers. */
  inner?: unknown;
  cause?: unknown;
  /** A failed request: the abort reason of its transaction is the real cause. */
  transaction?: { error?: unknown } | null;
}

/** The error followed by everything it wraps, outermost first. */
function unwrapChain(error: unknown, depth = 0): PossiblyWrappedError[] {
  if (typeof error !== 'object' || error === null || depth > MAX_WRAPPING_DEPTH) return [];
  const wrapped = error as PossiblyWrappedError;
  const inners = [wrapped.inner, wrapped.cause, wrapped.transaction?.error];
  return [wrapped, ...inners.flatMap((inner) => unwrapChain(inner, depth + 1))];
}

export function isQuotaExceeded(error: unknown): boolean {
  return unwrapChain(error).some((link) => link.name === 'QuotaExceededError');
}

function quotaExceededError(estimate: StorageEstimate | null): UserFacingError {
  if (!estimate) return new UserFacingError('storage.quotaExceeded');
  return new UserFacingError('storage.quotaExceeded', {
    context: 'withUsage',
    usedMegabytes: Math.round(estimate.usageBytes / BYTES_PER_MEGABYTE),
    quotaMegabytes: Math.round(estimate.quotaBytes / BYTES_PER_MEGABYTE),
  });
}

/** `estimate` adds the current usage to the quota message. */
export function toUserFacingStorageError(error: unknown, estimate: StorageEstimate | null = null): unknown {
  if (isUserFacingError(error)) return error;
  if (isQuotaExceeded(error)) return quotaExceededError(estimate);
  const chain = unwrapChain(error);
  if (chain.some((link) => link.name === 'VersionError')) return new UserFacingError('storage.versionTooNew');
  const domFailure = chain.find((link): link is DOMException => link instanceof DOMException);
  if (domFailure) return new UserFacingError('storage.failed', { detail: `${domFailure.name}: ${domFailure.message}` });
  return error;
}

/** Runs a storage operation and rethrows its failure as a UserFacingError where one applies. */
export async function withStorageErrors<Result>(operation: () => Promise<Result>): Promise<Result> {
  try {
    return await operation();
  } catch (error) {
    const estimate = isQuotaExceeded(error) ? await readStorageEstimate() : null;
    throw toUserFacingStorageError(error, estimate);
  }
}
