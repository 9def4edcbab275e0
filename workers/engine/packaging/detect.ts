// Detection with a packaged model: RGB888 at the project size → the one `Prediction` (score against the
// threshold in effect, verdict, confidence, and for segmentation models the label-index mask and areas).
import type { Prediction } from '../../../src/contracts/prediction';
import { labelAreasOf } from '../../../src/domain/masks/labelAreas';
import { confidenceOf } from '../calibration';
import { rgbImageTensor } from '../features/featureExtractor';
import { imageInputName } from '../features/featureGraph';
import type { ort } from '../../ort';
import type { ModelMetadata } from '../../../src/contracts/modelMetadata';
import { packagedOutputs } from './packagedModel';

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
): Promise<Prediction> {
  if (width !== metadata.inputSize.width || height !== metadata.inputSize.height) {
    throw new RangeError(`The model takes ${metadata.inputSize.width}x${metadata.inputSize.height} images, got ${width}x${height}`);
  }
  const result = await session.run({ [imageInputName]: rgbImageTensor(rgb, { width, height }) });
  const score = (result[packagedOutputs.score]!.data as Float32Array)[0]!;
  const threshold = options.threshold ?? metadata.threshold;
  const labelMask = metadata.modelType === 'segmentation' ? { width, height, indices: result[packagedOutputs.mask]!.data as Uint8Array } : undefined;
  // Spec §4.1: the mask is reported independently of IsAnomalous; neither is derived from the other.
  return {
    score,
    rawScore: (result[packagedOutputs.rawScore]!.data as Float32Array)[0]!,
    threshold,
    isAnomalous: score >= threshold,
    confidence: confidenceOf(score, threshold, { slope: metadata.confidenceSlope }),
    labelAreas: labelMask ? labelAreasOf(labelMask, metadata.labels) : [],
    ...(labelMask ? { labelMask } : {}),
    anomalyMap: { grid: result[packagedOutputs.map]!.dims[1]!, values: result[packagedOutputs.map]!.data as Float32Array },
  };
}
