// Node-only: loads a TF.js model that an npm package ships as browserify UMD scripts (`model.min.js`
// exporting the model JSON, `<shard>.min.js` exporting base64 weight bytes) by parsing, not running, them.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TfjsWeightGroup } from './tfjsFormat.ts';
import { parseJsLiteral } from './jsLiteral.ts';
import type { JsLiteral } from './jsLiteral.ts';

export interface TfjsModelFiles {
  /** The model JSON, a graph model's or a layers model's, as the package stores it. */
  readonly model: { readonly format?: string; readonly modelTopology: unknown; readonly weightsManifest: readonly TfjsWeightGroup[] };
  /** All weight shards concatenated in manifest order. */
  readonly weights: Uint8Array;
}

// Browserify wraps module 1 as `{1:[function(require,module,exports){module.exports=<literal>}`.
const moduleExportPattern = /\{1:\[function\(\w+,(\w+),\w+\)\{\1\.exports=/;

export function umdExportedLiteral(source: string, fileName: string): JsLiteral {
  const match = moduleExportPattern.exec(source);
  if (!match) throw new Error(`${fileName}: no browserify module export found`);
  const { value, end } = parseJsLiteral(source, match.index + match[0].length);
  if (source[end] !== '}') throw new Error(`${fileName}: the exported value is not a plain literal`);
  return value;
}

export async function readUmdTfjsModel(directory: string): Promise<TfjsModelFiles> {
  const modelFile = path.join(directory, 'model.min.js');
  const model = umdExportedLiteral(await readFile(modelFile, 'utf8'), modelFile) as unknown as TfjsModelFiles['model'];
  if (!Array.isArray(model.weightsManifest)) throw new Error(`${modelFile}: no weightsManifest`);
  const shardPaths = model.weightsManifest.flatMap((group) => group.paths);
  const shards = await Promise.all(
    shardPaths.map(async (shardPath) => {
      const shardFile = path.join(directory, `${shardPath}.min.js`);
      const base64 = umdExportedLiteral(await readFile(shardFile, 'utf8'), shardFile);
      if (typeof base64 !== 'string') throw new Error(`${shardFile}: expected a base64 string`);
      return Buffer.from(base64, 'base64');
    }),
  );
  return { model, weights: new Uint8Array(Buffer.concat(shards)) };
}
