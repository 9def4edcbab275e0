// The packaging stage of training: the model's metadata fields (what was trained on, how the threshold
// and the head were set) and the one ONNX file with the bank, normalisation and (optionally) the head.
import type { BackboneEntry } from '../backbone/registry';
import type { ConfidenceCalibration, ThresholdCalibration } from '../calibration';
import type { FeaturePooling, ImageSize, ModelMetadata, SegmentationLabel } from '../../../src/contracts/modelMetadata';
import { isWholePicture } from '../../../src/domain/inspectionRegion';
import { buildModelMetadata, onnxMetadataProps } from '../packaging/metadata';
import type { ModelMetadataFields } from '../packaging/metadata';
import { buildPackagedModel } from '../packaging/packagedModel';
import type { MemoryBank } from '../scoring/memoryBank';
import type { SegmentationStageResult } from './segmentationStage';
import type { TrainingImage, TrainOptions } from './types';

export interface PackageInput {
  options: Pick<TrainOptions, 'backboneModel' | 'split' | 'region'>;
  backbone: BackboneEntry;
  size: ImageSize;
  trainNormals: readonly TrainingImage[];
  trainAnomalies: readonly TrainingImage[];
  test: readonly TrainingImage[];
  labels: readonly SegmentationLabel[];
  coresetRatio: number;
  calibrationFolds: number;
  featurePooling: FeaturePooling;
  bank: MemoryBank;
  calibration: ThresholdCalibration;
  confidence: ConfidenceCalibration;
  segmentation: SegmentationStageResult | undefined;
  trainedAt: string;
}

export async function packageModel(input: PackageInput): Promise<{ modelBytes: Uint8Array; metadata: ModelMetadata }> {
  const { backbone, size, calibration, segmentation, bank } = input;
  const count = (images: readonly TrainingImage[], classification: TrainingImage['classification']) =>
    images.filter((image) => image.classification === classification).length;
  const fields: ModelMetadataFields = {
    modelType: segmentation ? 'segmentation' : 'classification',
    backbone: backbone.id,
    inputSize: size,
    inputFormat: 'RGB888',
    ...(isWholePicture(input.options.region) ? {} : { region: input.options.region }),
    threshold: calibration.threshold,
    confidenceSlope: input.confidence.slope,
    normalisation: calibration.normalisation,
    labels: segmentation ? input.labels.map(({ name, color, index }) => ({ name, color, index })) : [],
    training: {
      trainingImages: { normal: input.trainNormals.length, anomaly: input.trainAnomalies.length },
      testingImages: { normal: count(input.test, 'normal'), anomaly: count(input.test, 'anomaly') },
      splitSeed: input.options.split.seed,
      coresetRatio: input.coresetRatio,
      bankSize: bank.size,
      calibrationFolds: input.calibrationFolds,
      thresholdMethod: calibration.method,
      rawThreshold: calibration.rawThreshold,
      featurePooling: input.featurePooling,
      warnings: [...calibration.warnings],
      trainedAt: input.trainedAt,
      ...(segmentation ? { segmentation: segmentation.summary } : {}),
    },
  };
  const modelBytes = buildPackagedModel({
    backboneModel: input.options.backboneModel,
    backbone,
    inputSize: size,
    ...(isWholePicture(input.options.region) ? {} : { region: input.options.region }),
    featurePooling: input.featurePooling,
    bank,
    normalisation: calibration.normalisation,
    metadataProps: onnxMetadataProps(fields),
    ...(segmentation
      ? {
          segmentation: {
            weights: segmentation.weights,
            labelIndices: segmentation.labelIndices,
            maskProbabilityThreshold: segmentation.maskProbabilityThreshold,
          },
        }
      : {}),
  });
  return { modelBytes, metadata: await buildModelMetadata(fields, modelBytes) };
}
