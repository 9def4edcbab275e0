// The exported model runs the same outside the app: onnxruntime-node (native, what a user's
// other tooling would use) gives the scores and maps that the app's onnxruntime-web gives.
// onnxruntime-node is a test-only dependency; the app itself imports ORT only via workers/ort.ts.
import * as ortNode from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertBackbone } from '../../scripts/backbone/convertBackbone';
import { defaultBackboneId } from '../../workers/engine/backbone/registry';
import { trainAnomalyModel, type TrainingResult } from '../../workers/engine/training';
import { ort } from '../../workers/ort';
import { syntheticTrainingSet } from './helpers/syntheticTraining';

const side = 64;
const dataset = syntheticTrainingSet({ seed: 41, side, normalCount: 12, perDefectCount: 3, testShare: 0.3 });
/** Native and wasm kernels sum in different orders; scores are 0–1. */
const parityToleranceAbs = 1e-4;

describe('exported model parity: onnxruntime-node vs onnxruntime-web', () => {
  let result: TrainingResult;

  beforeAll(async () => {
    result = await trainAnomalyModel({ ...dataset, backboneId: defaultBackboneId, backboneModel: await convertBackbone(defaultBackboneId), seed: 3 });
  }, 120_000);

  it('gives the same anomaly_score, raw_score and anomaly_map for every test image', async () => {
    const [web, native] = await Promise.all([ort.InferenceSession.create(result.modelBytes), ortNode.InferenceSession.create(result.modelBytes)]);
    const testIds = new Set(result.perImage.map((image) => image.id));
    const testImages = dataset.images.filter((image) => testIds.has(image.id));
    expect(testImages.length).toBeGreaterThan(3);
    for (const image of testImages) {
      const dims = [1, side, side, 3];
      const [fromWeb, fromNative] = await Promise.all([
        web.run({ image: new ort.Tensor('uint8', image.rgb, dims) }),
        native.run({ image: new ortNode.Tensor('uint8', image.rgb, dims) }),
      ]);
      for (const output of ['anomaly_score', 'raw_score', 'anomaly_map']) {
        const a = fromWeb[output]!.data as Float32Array;
        const b = fromNative[output]!.data as Float32Array;
        expect(b.length, output).toBe(a.length);
        const scale = output === 'raw_score' ? Math.max(1, Math.abs(a[0]!)) : 1;
        const maxDifference = a.reduce((worst, value, i) => Math.max(worst, Math.abs(value - b[i]!)), 0);
        expect(maxDifference / scale, `${image.id} ${output}`).toBeLessThanOrEqual(parityToleranceAbs);
      }
    }
    await Promise.all([web.release(), native.release()]);
  });
});
