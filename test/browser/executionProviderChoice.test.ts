// The execution-provider self-test in real Chromium on the real feature model: WebGPU (here on the
// SwiftShader adapter, which automatic choices skip but correctness tests may use) gives the same patch
// features as plain wasm within 1e-4 of their scale, and `auto` keeps wasm where no hardware adapter exists.
import { describe, expect, it } from 'vitest';
import { renderSyntheticSample } from '../../src/syntheticImages';
import { backboneById, backboneModelPath, defaultBackboneId } from '../../workers/engine/backbone/registry';
import { buildFeatureModel, imageInputName, rgbImageTensor } from '../../workers/engine/features';
import { chooseProvider, measureProviders, offeredProviders, providerMaxRelativeError } from '../../workers/executionProviderChoice';

const size = { width: 96, height: 64 };

async function featureModelAndFeeds() {
  const response = await fetch(`/${backboneModelPath(defaultBackboneId)}`);
  expect(response.ok).toBe(true);
  const model = buildFeatureModel(new Uint8Array(await response.arrayBuffer()), backboneById(defaultBackboneId), size);
  const { rgba } = renderSyntheticSample({ seed: 5, ...size, defects: ['scratch'] });
  const rgb = new Uint8Array(size.width * size.height * 3);
  for (let pixel = 0; pixel < size.width * size.height; pixel++) rgb.set(rgba.subarray(pixel * 4, pixel * 4 + 3), pixel * 3);
  return { model, feeds: { [imageInputName]: rgbImageTensor(rgb, size) } };
}

describe('execution provider choice in Chromium', () => {
  // SwiftShader runs the backbone in ~20 s on this loaded 2-core machine: one timed run, and room for it.
  it('runs the feature model on WebGPU within 1e-4 of wasm', { timeout: 600_000 }, async () => {
    const { model, feeds } = await featureModelAndFeeds();
    expect(await offeredProviders({ includeFallbackAdapter: true })).toContain('webgpu');
    const choice = await measureProviders(model, feeds, ['webgpu'], { timedRuns: 1 });
    const webgpu = choice.trials.find((trial) => trial.provider === 'webgpu');
    expect(webgpu?.dropped).toBeUndefined();
    expect(webgpu!.maxRelativeError).toBeLessThanOrEqual(providerMaxRelativeError);
    expect(webgpu!.medianMs).toBeGreaterThan(0);
  });

  it('auto keeps wasm where the only adapter is a fallback one and WebNN is absent', async () => {
    const { model, feeds } = await featureModelAndFeeds();
    const choice = await chooseProvider('feature-model-test', model, feeds);
    expect(choice.trials.map((trial) => trial.provider)).toEqual(['wasm']);
    expect(choice.provider).toBe('wasm');
  });
});
