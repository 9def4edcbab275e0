// `EvaluationManifest-<project>.json` (spec §3.2): one JSON line per test image with the ground truth
// and the prediction, plus the Spotcheck segmentation extension (ground-truth and predicted mask refs).
import type { ImageClass } from '../types';
import { internalColorMap, type ColorMapLabel } from '../manifest/colorMap';
import { classificationType, segmentationType } from '../manifest/parseLine';
import { modelArn } from './modelArn';

export interface EvaluationManifestContext {
  projectName: string;
  modelVersion: number;
  /** `job-name` of the prediction metadata, e.g. `training-job/<project>`. */
  jobName: string;
  /** Colour map of both masks on every line (segmentation only), label order = mask index 1, 2, … */
  colorMap?: readonly ColorMapLabel[];
}

export interface EvaluationManifestImage {
  sourceRef: string;
  /** Creation date strings are written as given (`%Y-%m-%dT%H:%M:%S.%f`, spec §2.2). */
  sourceCreationDate: string;
  actual: ImageClass;
  labelHumanAnnotated: boolean;
  labelCreationDate: string;
  labelJobName: string;
  predictedAnomalous: boolean;
  /** Confidence in the prediction (spec §4.1), 0.5–1. */
  confidence: number;
  predictionDate: string;
  /** Segmentation only. */
  masks?: {
    groundTruthRef: string;
    groundTruthHumanAnnotated: boolean;
    groundTruthCreationDate: string;
    groundTruthJobName: string;
    predictedRef: string;
  };
}

const yesNo = (value: boolean): 'yes' | 'no' => (value ? 'yes' : 'no');
const classValue = (anomalous: boolean): 0 | 1 => (anomalous ? 1 : 0);

export function buildEvaluationManifestLine(context: EvaluationManifestContext, image: EvaluationManifestImage): Record<string, unknown> {
  const actualAnomalous = image.actual === 'anomaly';
  const line: Record<string, unknown> = {
    'source-ref': image.sourceRef,
    'source-ref-metadata': { 'creation-date': image.sourceCreationDate },
    'anomaly-label': classValue(actualAnomalous),
    'anomaly-label-metadata': {
      'class-name': image.actual,
      type: classificationType,
      'human-annotated': yesNo(image.labelHumanAnnotated),
      'creation-date': image.labelCreationDate,
      'job-name': image.labelJobName,
    },
    'anomaly-label-detected': classValue(image.predictedAnomalous),
    'anomaly-label-detected-metadata': {
      'class-name': image.predictedAnomalous ? 'anomaly' : 'normal',
      confidence: image.confidence,
      type: classificationType,
      'human-annotated': 'no',
      'creation-date': image.predictionDate,
      'job-name': context.jobName,
      'model-arn': modelArn(context.projectName, context.modelVersion),
      'project-name': context.projectName,
      'model-version': String(context.modelVersion),
    },
  };
  if (image.masks) {
    if (!context.colorMap) throw new TypeError('A segmentation evaluation manifest needs the colour map');
    const colorMap = internalColorMap(context.colorMap);
    line['anomaly-mask-ref'] = image.masks.groundTruthRef;
    line['anomaly-mask-ref-metadata'] = {
      'internal-color-map': colorMap,
      type: segmentationType,
      'human-annotated': yesNo(image.masks.groundTruthHumanAnnotated),
      'creation-date': image.masks.groundTruthCreationDate,
      'job-name': image.masks.groundTruthJobName,
    };
    line['anomaly-mask-detected-ref'] = image.masks.predictedRef;
    line['anomaly-mask-detected-ref-metadata'] = {
      'internal-color-map': colorMap,
      type: segmentationType,
      'human-annotated': 'no',
      'creation-date': image.predictionDate,
      'job-name': context.jobName,
    };
  }
  return line;
}

/** JSON Lines, one line per test image, each ending in a line break. */
export function serializeEvaluationManifest(context: EvaluationManifestContext, images: readonly EvaluationManifestImage[]): string {
  return images.map((image) => `${JSON.stringify(buildEvaluationManifestLine(context, image))}\n`).join('');
}
