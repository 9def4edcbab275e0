// Detection with a packaged model: RGB888 at the project size → spec §4.1 `DetectAnomalyResult`
// with `anomaly_score` and `anomaly_threshold`; segmentation models add `Anomalies` and `AnomalyMask`.
import { confidenceOf } from '../calibration';
import { rgbImageTensor } from '../features/featureExtractor';
import { imageInputName } from '../features/featureGraph';
import type { ort } from '../../ort';
import type { ModelMetadata } from '../../../src/contracts/modelMetadata';
import { packagedOutputs } from './packagedModel';
import { segmentationFields } from './segmentationResult';
import type { PixelAnomaly } from './segmentationResult';

export interface DetectAnomalyResult {
  Source: { Type: 'direct' };
  IsAnomalous: boolean;
  Confidence: number;
  /** Segmentation models only: background first, then each label with pixels. */
  Anomalies?: PixelAnomaly[];
  /** Segmentation models only: base64 PNG at the input size, labels in their colours on white. */
  AnomalyMask?: string;
  anomaly_score: number;
  anomaly_threshold: number;
}

export interface Detection {
  DetectAnomalyResult: DetectAnomalyResult;
  /** [grid × grid] row-major normalised patch map (28x28 for the registered backbones), for overlays. */
  anomalyMap: Float32Array;
  /** Cells along each side of `anomalyMap`. */
  anomalyMapGrid: number;
  rawScore: number;
  /** Segmentation models: label index per pixel [H × W], 0 = background. */
  labelMask?: Uint8Array;
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
  const labelMask = metadata.modelType === 'segmentation' ? result[packagedOutputs.mask]!.data as Uint8Array : undefined;
  // Spec §4.1: the mask is reported independently of IsAnomalous; neither is derived from the other.
  const segmentation = labelMask ? segmentationFields(labelMask, width, height, metadata.labels) : {};
  return {
    DetectAnomalyResult: {
      Source: { Type: 'direct' },
      IsAnomalous: score >= threshold,
      Confidence: confidenceOf(score, threshold, { slope: metadata.confidenceSlope }),
      ...segmentation,
      anomaly_score: score,
      anomaly_threshold: threshold,
    },
    anomalyMap: result[packagedOutputs.map]!.data as Float32Array,
    anomalyMapGrid: result[packagedOutputs.map]!.dims[1]!,
    rawScore: (result[packagedOutputs.rawScore]!.data as Float32Array)[0]!,
    ...(labelMask ? { labelMask } : {}),
  };
}
