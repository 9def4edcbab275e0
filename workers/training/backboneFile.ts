// Fetches a converted backbone (`models/<id>.onnx`, published by the build and precached by the service
// worker) for training. Every way the file can be missing or unreadable — offline before it was cached,
// a server without it, a server answering with the app's page instead — becomes one message naming the
// file and the fix, instead of an obscure ONNX parse error later.
import { UserFacingError } from '../../src/domain/errors';
import { backboneModelPath } from '../engine/backbone/registry';

/** `baseUrl` is the site root the app is served from (`import.meta.env.BASE_URL` in the app). */
export async function fetchBackboneModel(backboneId: string, baseUrl: string): Promise<Uint8Array> {
  const file = `${baseUrl}${backboneModelPath(backboneId)}`;
  try {
    const response = await fetch(file);
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
    // Single-page-app servers (Vite's, many static hosts) answer unknown paths with index.html and 200.
    if (response.headers.get('Content-Type')?.includes('text/html')) throw new Error('the server sent a web page instead of the model');
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length === 0) throw new Error('the file is empty');
    return bytes;
  } catch (error) {
    throw new UserFacingError('model.backboneUnavailable', { backbone: backboneId, file, detail: error instanceof Error ? error.message : String(error) });
  }
}
