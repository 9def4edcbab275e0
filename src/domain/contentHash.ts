// Content identity of an image however it enters (import, demo, trial, camera): duplicates are found by bytes, not by name.

/** Lower-case hex SHA-256 of the bytes (Web Crypto: the same in workers, pages and Node). */
export async function contentHash(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
