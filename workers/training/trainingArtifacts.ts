// A finished TrainingResult as the version's stored files (contract: modelArtifacts) and figures:
// model.onnx, metadata.json, evaluation.json, EvaluationResult.json, evaluation-manifest.jsonl and,
// for segmentation models, each test image's predicted label-index mask PNG.
import { evaluationFormatVersion, type StoredEvaluation, type TestImageResult } from '../../src/contracts/evaluation';
import { buildEvaluationResult } from '../../src/domain/evaluation/evaluationResult';
import { serializeEvaluationManifest, type EvaluationManifestImage } from '../../src/domain/evaluation/evaluationManifest';
import { labelAreasOf } from '../../src/domain/masks/labelAreas';
import { encodeLabelMaskPng } from '../../src/domain/png';
import type { AnomalyLabel, DatasetEntry, ModelPerformance, Project } from '../../src/domain/types';
import { modelArtifactNames, predictedMaskArtifactName, type NamedArtifact } from '../../src/storage/modelFiles';
import { evaluationResultInput } from '../engine/training/evaluationFiles';
import type { PerImageResult, TrainingEvaluation, TrainingResult } from '../engine/training/types';

export interface ArtifactContext {
  project: Pick<Project, 'name'>;
  modelVersion: number;
  /** Test entries by id (the engine's image ids are entry ids). */
  entries: ReadonlyMap<string, DatasetEntry>;
  labels: readonly AnomalyLabel[];
}

const json = (value: unknown) => new Blob([JSON.stringify(value)], { type: 'application/json' });

export function performanceOf(evaluation: TrainingEvaluation): ModelPerformance {
  const { image } = evaluation;
  return {
    precision: image.precision,
    recall: image.recall,
    f1: image.f1,
    auroc: image.rocAuc,
    ap: image.averagePrecision,
    ...image.counts,
    trainingImages: evaluation.trainingImages,
    testingImages: evaluation.testingImages,
  };
}

/** `evaluation.json`'s view of one test image (its mask pixels are the predicted-mask artifact). */
function testImageResult(image: PerImageResult, result: TrainingResult): TestImageResult {
  const { width, height } = result.metadata.inputSize;
  const { id, actual, predictedMask, ...scores } = image;
  const labelAreas = predictedMask ? labelAreasOf({ width, height, indices: predictedMask }, result.metadata.labels) : [];
  return { entryId: id, actual, prediction: { ...scores, threshold: result.evaluation.calibration.threshold, labelAreas } };
}

export function trainingArtifacts(result: TrainingResult, context: ArtifactContext): NamedArtifact[] {
  const { project, modelVersion, entries, labels } = context;
  const isSegmentation = result.metadata.modelType === 'segmentation';
  const { width, height } = result.metadata.inputSize;
  const stored: StoredEvaluation = {
    formatVersion: evaluationFormatVersion,
    evaluation: result.evaluation,
    perImage: result.perImage.map((image) => testImageResult(image, result)),
    ...(result.segmentation ? { segmentation: result.segmentation } : {}),
    timings: result.timings,
  };
  const masks: NamedArtifact[] = isSegmentation
    ? result.perImage.flatMap(({ id, predictedMask }) =>
        predictedMask
          ? [
              {
                name: predictedMaskArtifactName(id),
                blob: new Blob([encodeLabelMaskPng(predictedMask, width, height) as Uint8Array<ArrayBuffer>], { type: 'image/png' }),
              },
            ]
          : [],
      )
    : [];
  const manifestImages = result.perImage.map((image): EvaluationManifestImage => {
    const entry = entries.get(image.id);
    if (!entry) throw new RangeError(`Test image ${image.id} is not a stored entry`);
    return {
      sourceRef: entry.sourceRef,
      sourceCreationDate: entry.createdAt,
      actual: image.actual,
      labelHumanAnnotated: entry.humanAnnotated,
      labelCreationDate: entry.createdAt,
      labelJobName: entry.jobName,
      predictedAnomalous: image.isAnomalous,
      confidence: image.confidence,
      predictionDate: result.evaluation.evaluatedAt,
      ...(isSegmentation
        ? {
            masks: {
              groundTruthRef: entry.maskId ?? '',
              groundTruthHumanAnnotated: entry.humanAnnotated,
              groundTruthCreationDate: entry.createdAt,
              groundTruthJobName: entry.jobName,
              predictedRef: predictedMaskArtifactName(image.id),
            },
          }
        : {}),
    };
  });
  const manifest = serializeEvaluationManifest(
    {
      projectName: project.name,
      modelVersion,
      jobName: `training-job/${project.name}`,
      ...(isSegmentation ? { colorMap: labels.map(({ name, color }) => ({ name, color })) } : {}),
    },
    manifestImages,
  );
  return [
    { name: modelArtifactNames.model, blob: new Blob([result.modelBytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }) },
    { name: modelArtifactNames.metadata, blob: json(result.metadata) },
    { name: modelArtifactNames.evaluation, blob: json(stored) },
    {
      name: modelArtifactNames.evaluationResult,
      blob: json(buildEvaluationResult(evaluationResultInput(result, { projectName: project.name, modelVersion }))),
    },
    { name: modelArtifactNames.evaluationManifest, blob: new Blob([manifest], { type: 'application/x-ndjson' }) },
    ...masks,
  ];
}
