// Base64 of binary data, for the places a format asks for text (spec §4.1 `AnomalyMask`).

/** btoa takes a binary string; building it in chunks keeps String.fromCharCode's argument list bounded. */
const base64ChunkBytes = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += base64ChunkBytes) {
    binary += String.fromCharCode(...bytes.subarray(start, start + base64ChunkBytes));
  }
  return btoa(binary);
}
