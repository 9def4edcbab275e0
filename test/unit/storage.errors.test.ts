// Mapping IndexedDB/DOM failures to what a user reads, with real DOMExceptions.
import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/domain/errors';
import { describeError } from '../../src/i18n';
import { isQuotaExceeded, toUserFacingStorageError, withStorageErrors } from '../../src/storage/errors';
import { readStorageEstimate, requestPersistentStorage } from '../../src/storage/estimate';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const advice = 'Free space by deleting trial detections, old model versions or projects you no longer need, then try again.';

describe('toUserFacingStorageError', () => {
  it.each<[string, () => unknown]>([
    ['the DOMException itself', quota],
    ['an AbortError whose transaction failed on quota', () => Object.assign(new DOMException('aborted', 'AbortError'), { transaction: { error: quota() } })],
    ['a Dexie-style wrapper', () => Object.assign(new Error('wrapped'), { name: 'AbortError', inner: quota() })],
    ['an Error cause', () => new Error('save failed', { cause: quota() })],
  ])('recognises a full disk in %s', (_case, makeError) => {
    const error = makeError();
    expect(isQuotaExceeded(error)).toBe(true);
    expect(describeError(toUserFacingStorageError(error))).toBe(`Storage is full. ${advice}`);
  });

  it('adds the current usage when it is known', () => {
    const mapped = toUserFacingStorageError(quota(), { usageBytes: 1_948_000_000, quotaBytes: 2_000_000_000, persisted: true });
    expect(describeError(mapped)).toBe(`Storage is full: Spotcheck uses 1948 MB of the 2000 MB this browser allows. ${advice}`);
  });

  it('tells the user to reload when the database is newer than the app', () => {
    const mapped = toUserFacingStorageError(new DOMException('lower version', 'VersionError'));
    expect(describeError(mapped)).toBe('The stored data was written by a newer version of Spotcheck. Reload this page to update the app.');
  });

  it('names any other DOMException and promises nothing was changed', () => {
    const mapped = toUserFacingStorageError(new DOMException('disk I/O', 'UnknownError'));
    expect(mapped).toBeInstanceOf(UserFacingError);
    expect(describeError(mapped)).toBe("The browser's storage failed (UnknownError: disk I/O). Nothing was changed; reload the page and try again.");
  });

  it('passes UserFacingErrors and programming errors through untouched', () => {
    const userFacing = new UserFacingError('project.notFound');
    const bug = new TypeError('x is undefined');
    expect(toUserFacingStorageError(userFacing)).toBe(userFacing);
    expect(toUserFacingStorageError(bug)).toBe(bug);
    expect(isQuotaExceeded(bug)).toBe(false);
  });
});

describe('withStorageErrors', () => {
  it('returns the result of a successful operation', async () => {
    expect(await withStorageErrors(async () => 42)).toBe(42);
  });

  it('rethrows a failure as the mapped UserFacingError (no usage where the estimate is unavailable)', async () => {
    await expect(withStorageErrors(() => Promise.reject(quota()))).rejects.toMatchObject({
      code: 'storage.quotaExceeded',
      params: {},
    });
  });
});

describe('storage estimate', () => {
  // Node has no StorageManager: both degrade instead of throwing, as in browsers that lack it.
  it('is null where navigator.storage is missing', async () => {
    expect(await readStorageEstimate()).toBeNull();
    expect(await requestPersistentStorage()).toBeNull();
  });
});
