// Detection with a packaged model: RGB888 at the project size → spec §4.1 `DetectAnomalyResult`
// (classification shape) with `anomaly_score` and `anomaly_threshold`.
import { confidenceOf } from '../calibration';
import { rgbImageTensor } from '../features/featureExtractor';
import { imageInputName } from '../features/featureGraph';
import type { ort } from '../../ort';
import type { ModelMetadata } from './metadata';
import { packagedOutputs } from './packagedModel';

export interface DetectAnomalyResult {
  Source: { Type: 'direct' };
  IsAnomalous: boolean;
  Confidence: number;
  anomaly_score: number;
  anomaly_threshold: number;
}

export interface Detection {
  DetectAnomalyResult: DetectAnomalyResult;
  /** [H × W] normalised map for overlays and, later, masks. */
  anomalyMap: Float32Array;
  rawScore: number;
}

export interface DetectOptions {
  /** A per-project override of the trained threshold (spec §9); reported as `anomaly_threshold`. */
  threshold?: number;
}

export async function detectWithPackagedModel(
  session: ort.InferenceSession,
  rgb: Uint8Array,
  width: number,
  height: number,
  metadata: ModelMetadata,
  options: DetectOptions = {},
): Promise<Detection> {
  if (width !== metadata.inputSize.width || height !== metadata.inputSize.height) {
    throw new RangeError(`The model takes ${metadata.inputSize.width}x${metadata.inputSize.height} images, got ${width}x${height}`);
  }
  const result = await session.run({ [imageInputName]: rgbImageTensor(rgb, { width, height }) });
  const score = (result[packagedOutputs.score]!.data as Float32Array)[0]!;
  const threshold = options.threshold ?? metadata.threshold;
  return {
    DetectAnomalyResult: {
      Source: { Type: 'direct' },
      IsAnomalous: score >= threshold,
      Confidence: confidenceOf(score, threshold, { slope: metadata.confidenceSlope }),
      anomaly_score: score,
      anomaly_threshold: threshold,
    },
    anomalyMap: result[packagedOutputs.map]!.data as Float32Array,
    rawScore: (result[packagedOutputs.rawScore]!.data as Float32Array)[0]!,
  };
}
