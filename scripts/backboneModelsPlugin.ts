// Vite plugin that publishes every registered backbone as `/models/<id>.onnx`: converted from its npm
// package at build time into dist/ (so the service worker precaches it) and served from memory in dev.
import type { Plugin } from 'vite';
import { backboneModelPath, backbones } from '../workers/engine/backbone/registry.ts';
import { convertBackbone } from './backbone/convertBackbone.ts';

export function backboneModelsPlugin(): Plugin {
  // Converted once per process: the dev server and repeated builds in watch mode reuse the bytes.
  const converted = new Map<string, Promise<Uint8Array>>();
  const bytesOf = (id: string): Promise<Uint8Array> => {
    let bytes = converted.get(id);
    if (!bytes) {
      bytes = convertBackbone(id);
      converted.set(id, bytes);
    }
    return bytes;
  };
  let base = '/';

  return {
    name: 'spotcheck-backbone-models',
    configResolved(config) {
      base = config.base;
    },
    async generateBundle() {
      for (const backbone of backbones) {
        this.emitFile({ type: 'asset', fileName: backboneModelPath(backbone.id), source: await bytesOf(backbone.id) });
      }
    },
    configureServer(server) {
      const urls = new Map(backbones.map((backbone) => [`${base}${backboneModelPath(backbone.id)}`, backbone.id]));
      server.middlewares.use((request, response, next) => {
        const id = urls.get((request.url ?? '').split('?')[0] ?? '');
        if (id === undefined) {
          next();
          return;
        }
        bytesOf(id).then((bytes) => {
          response.setHeader('Content-Type', 'application/octet-stream');
          response.setHeader('Content-Length', String(bytes.byteLength));
          response.end(bytes);
        }, next);
      });
    },
  };
}
