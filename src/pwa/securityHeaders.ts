// The headers every response of the app should carry: the Content-Security-Policy and cross-origin
// isolation (COOP/COEP, which give SharedArrayBuffer and so onnxruntime's wasm threads). One source for
// the dev and preview servers (vite.config.ts), the README's "Hosting" advice and the service worker,
// which adds them to what it serves so a host that sends none still gets threads from the second load.

// Only the app's own origin; 'wasm-unsafe-eval' lets onnxruntime compile its WebAssembly,
// blob:/data: cover image previews, masks and the camera stream.
const policyDirectives = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self' blob: data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/** The <meta> copy in built pages, for hosts that send no header; a <meta> policy cannot hold frame-ancestors. */
export const contentSecurityPolicy = policyDirectives.join('; ');

/**
 * The header a host should send (README "Hosting"): it also covers worker scripts, which a page's <meta>
 * policy does not reach, and forbids framing (clickjacking).
 */
export const contentSecurityPolicyHeader = [...policyDirectives, "frame-ancestors 'none'"].join('; ');

/** Cross-origin isolation lets onnxruntime use more than one wasm thread. */
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/** What the service worker sets on every same-origin response it serves. */
export const servedHeaders = { ...isolationHeaders, 'Content-Security-Policy': contentSecurityPolicyHeader } as const;

/**
 * `response` with `servedHeaders` set; responses whose headers cannot be rewritten (opaque, errors) and
 * ones that already carry them pass as they are.
 */
export function withServedHeaders(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.type === 'error') return response;
  if (Object.entries(servedHeaders).every(([name, value]) => response.headers.get(name) === value)) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(servedHeaders)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
