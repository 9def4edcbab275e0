// The execution-provider self-test under Node's onnxruntime-web wasm: the real feature model on wasm is
// its own reference, a provider this context lacks (WebNN) is dropped with ORT's reason, and a graph whose
// outputs stray from the original's by more than 1e-4 (relative) is never chosen.
import { beforeAll, describe, expect, it } from 'vitest';
import { convertBackbone } from '../../scripts/backbone/convertBackbone';
import { renderSyntheticSample } from '../../src/syntheticImages';
import { backboneById, defaultBackboneId } from '../../workers/engine/backbone/registry';
import { buildFeatureModel, imageInputName, rgbImageTensor } from '../../workers/engine/features';
import { GraphBuilder } from '../../workers/engine/onnx';
import { chooseProvider, measureProviders, offeredProviders, providerMaxRelativeError } from '../../workers/executionProviderChoice';
import { ort } from '../../workers/ort';
import { rgbOf } from './helpers/engineImages';

const size = { width: 96, height: 64 };

/** y = x · factor: two of these with nearby factors stand for an original graph and a rewrite of it. */
function scaleModel(factor: number): Uint8Array {
  const graph = new GraphBuilder('scale');
  const x = graph.input('x', 'float32', [4]);
  graph.output(graph.node('Mul', [x, graph.floatInitializer('factor', [], [factor])], {}, { output: 'y' }), 'float32', [4]);
  return graph.serialize();
}

describe('execution provider choice', () => {
  let featureModel: Uint8Array;
  beforeAll(async () => {
    featureModel = buildFeatureModel(await convertBackbone(defaultBackboneId), backboneById(defaultBackboneId), size);
  });

  it('offers only wasm under Node (no WebGPU adapter, no navigator.ml)', async () => {
    expect(await offeredProviders({ includeFallbackAdapter: true })).toEqual(['wasm']);
  });

  it('keeps wasm on the feature model and drops a provider this runtime lacks, naming why', async () => {
    const feeds = { [imageInputName]: rgbImageTensor(rgbOf(renderSyntheticSample({ seed: 5, ...size, defects: [] })), size) };
    const choice = await measureProviders(featureModel, feeds, ['wasm', 'webnn']);
    expect(choice.provider).toBe('wasm');
    expect(choice.trials.map((trial) => trial.provider)).toEqual(['wasm', 'webnn']);
    expect(choice.trials[0]).toMatchObject({ provider: 'wasm', maxRelativeError: 0 });
    expect(choice.trials[0]!.medianMs).toBeGreaterThan(0);
    expect(choice.trials[1]!.dropped).toMatch(/webnn/i);
    expect(choice.trials[1]!.medianMs).toBeUndefined();
  });

  it('accepts a rewritten graph within 1e-4 of the original and refuses one outside it', async () => {
    const feeds = { x: new ort.Tensor('float32', Float32Array.from([1, -2, 3, 0.5]), [4]) };
    const close = await measureProviders(scaleModel(2 * (1 + providerMaxRelativeError / 2)), feeds, ['wasm'], { referenceModel: scaleModel(2) });
    expect(close.trials[0]!.maxRelativeError).toBeLessThanOrEqual(providerMaxRelativeError);
    expect(close.trials[0]!.dropped).toBeUndefined();
    const far = await measureProviders(scaleModel(2 * (1 + 2 * providerMaxRelativeError)), feeds, ['wasm'], { referenceModel: scaleModel(2) });
    expect(far.trials[0]!.maxRelativeError).toBeGreaterThan(providerMaxRelativeError);
    expect(far.trials[0]!.dropped).toMatch(/differ from wasm/);
    expect(far.trials[0]!.medianMs).toBeUndefined();
  });

  it('auto picks wasm without measuring where wasm is all there is, and remembers the choice per model', async () => {
    const feeds = { x: new ort.Tensor('float32', Float32Array.from([1, -2, 3, 0.5]), [4]) };
    const first = chooseProvider('scale-model', scaleModel(2), feeds);
    expect(chooseProvider('scale-model', scaleModel(3), feeds)).toBe(first);
    expect(await first).toEqual({ provider: 'wasm', trials: [{ provider: 'wasm' }] });
  });
});
