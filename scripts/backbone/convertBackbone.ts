// Node-only: converts a registered backbone from its npm package's TF.js files to ONNX bytes. Used by
// the Vite plugin at build/dev time, the golden test and the benchmark; nothing converted is committed.
import { createRequire } from 'node:module';
import path from 'node:path';
import { backboneById } from '../../workers/engine/backbone/registry.ts';
import type { BackboneEntry } from '../../workers/engine/backbone/registry.ts';
import type { TfjsGraphModelJson } from './tfjsFormat.ts';
import { convertTfjsLayersModel } from './kerasToOnnx.ts';
import type { TfjsLayersModelJson } from './kerasToOnnx.ts';
import { convertTfjsGraphModel } from './tfjsToOnnx.ts';
import { readUmdTfjsModel } from './umdModelFiles.ts';
import type { TfjsModelFiles } from './umdModelFiles.ts';

const require = createRequire(import.meta.url);

/** The package's root folder; its `exports` map may hide package.json, so walk up from the main entry. */
function packageDirectory(packageName: string): string {
  for (let directory = path.dirname(require.resolve(packageName)); ; directory = path.dirname(directory)) {
    if (directory.endsWith(path.join('node_modules', packageName))) return directory;
    if (path.dirname(directory) === directory) throw new Error(`Cannot locate the folder of npm package "${packageName}"`);
  }
}

function backboneSourceDirectory(entry: BackboneEntry): string {
  return path.join(packageDirectory(entry.source.npmPackage), entry.source.modelDir);
}

export function readBackboneSource(id: string): Promise<TfjsModelFiles> {
  return readUmdTfjsModel(backboneSourceDirectory(backboneById(id)));
}

export async function convertBackbone(id: string): Promise<Uint8Array> {
  const entry = backboneById(id);
  const { model, weights } = await readBackboneSource(id);
  const options = { graphName: id, outputs: entry.outputs.map((output) => ({ node: output.sourceNode, name: output.name })) };
  const graph =
    entry.source.format === 'graph-model'
      ? convertTfjsGraphModel(model as TfjsGraphModelJson, weights, options)
      : convertTfjsLayersModel(model as TfjsLayersModelJson, weights, options);
  return graph.serialize({ docString: entry.label, metadata: { backbone: id, licence: entry.licence } });
}
