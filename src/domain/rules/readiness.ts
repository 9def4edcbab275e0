// Spec §5 minimum labelled images: everything still missing before a model can be trained,
// with exact counts, plus the warnings that do not block training.
import type { DatasetType, ModelType } from '../types';
import { allAnomalous, labelsInUse, maskedAnomalous, type DatasetLabelSummary } from './datasetSummary';
import { errorIssue, hasErrors, warningIssue, type ValidationIssue } from './issues';
import { deriveModelType } from './modelType';

export type DatasetConfiguration = 'single' | 'separate';

interface Minimums {
  normal: number;
  /** Classification: anomalous images of any kind. */
  anomalous: number;
  /** Segmentation: single-label images per anomaly label. */
  perLabel: number;
}

const none = { normal: 0, anomalous: 0, perLabel: 0 };

/** Spec §5 table, by model type, configuration and dataset. */
const minimums: Record<ModelType, Record<DatasetConfiguration, Partial<Record<DatasetType, Minimums>>>> = {
  classification: {
    single: { train: { ...none, normal: 20, anomalous: 10 } },
    separate: { train: { ...none, normal: 10 }, test: { ...none, normal: 10, anomalous: 10 } },
  },
  segmentation: {
    single: { train: { ...none, normal: 20, perLabel: 20 } },
    separate: { train: { ...none, normal: 10, perLabel: 10 }, test: { ...none, normal: 10, perLabel: 10 } },
  },
};

export interface TrainingInput {
  /** Null once the training dataset was deleted (training disabled, spec §1.1). */
  train: DatasetLabelSummary | null;
  /** Present in a separate-datasets project. */
  test: DatasetLabelSummary | null;
  /** The user chose "Train as classification (masks ignored)". */
  trainAsClassification?: boolean;
}

export interface TrainingReadiness {
  configuration: DatasetConfiguration;
  /** Null while the training dataset cannot decide it. */
  modelType: ModelType | null;
  canTrain: boolean;
  /** True when masking the rest or "Train as classification (masks ignored)" would unblock (either dataset). */
  offerTrainAsClassification: boolean;
  /** Unmet rules (errors) first, then warnings. */
  issues: ValidationIssue[];
}

function unmetMinimums(summary: DatasetLabelSummary, required: Minimums, modelType: ModelType, labels: readonly string[]): ValidationIssue[] {
  const context = summary.type;
  const issues: ValidationIssue[] = [];
  if (summary.normal < required.normal) {
    issues.push(errorIssue('import:readiness.normal', { context, has: summary.normal, needed: required.normal }));
  }
  if (modelType === 'classification') {
    const anomalous = allAnomalous(summary);
    if (anomalous < required.anomalous) {
      issues.push(errorIssue('import:readiness.anomalous', { context, has: anomalous, needed: required.anomalous }));
    }
    return issues;
  }
  for (const label of labels) {
    const has = summary.anomalyByLabel.get(label) ?? 0;
    if (has >= required.perLabel) continue;
    const several = summary.multiLabelByLabel.get(label) ?? 0;
    const code = several > 0 ? 'import:readiness.labelWithSeveral' : 'import:readiness.label';
    issues.push(errorIssue(code, { context, label, has, needed: required.perLabel, several }));
  }
  return issues;
}

function schemeProblems(test: DatasetLabelSummary | null, modelType: ModelType, masksIgnored: boolean): ValidationIssue[] {
  if (!test || masksIgnored) return [];
  if (modelType === 'classification' && maskedAnomalous(test) > 0) return [errorIssue('import:readiness.testUsesLabels')];
  if (modelType === 'segmentation' && test.anomalousWithoutMask > 0) return [partialMasks('test', test.anomalousWithoutMask)];
  return [];
}

/** One rule for both datasets: masked and unmasked anomalies together, unblocked by masking or by classification. */
function partialMasks(context: DatasetType, count: number): ValidationIssue {
  return errorIssue('import:readiness.partialMasks', { context, count });
}

function warnings(datasets: readonly DatasetLabelSummary[], modelType: ModelType | null): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const unlabeled = datasets.reduce((sum, dataset) => sum + dataset.unlabeled, 0);
  if (unlabeled > 0) issues.push(warningIssue('import:readiness.unlabeled', { count: unlabeled }));
  const several = datasets.reduce((sum, dataset) => sum + dataset.multiLabel, 0);
  if (modelType === 'segmentation' && several > 0) issues.push(warningIssue('import:readiness.severalLabels', { count: several }));
  return issues;
}

export function checkTrainingReadiness({ train, test, trainAsClassification = false }: TrainingInput): TrainingReadiness {
  const configuration: DatasetConfiguration = test ? 'separate' : 'single';
  const datasets = [train, test].filter((summary) => summary !== null);
  if (!train) {
    return {
      configuration,
      modelType: null,
      canTrain: false,
      offerTrainAsClassification: false,
      issues: [errorIssue('import:readiness.noTrainingDataset'), ...warnings(datasets, null)],
    };
  }
  const decision = deriveModelType(train, trainAsClassification);
  if (decision.status === 'blocked') {
    return {
      configuration,
      modelType: null,
      canTrain: false,
      offerTrainAsClassification: true,
      issues: [partialMasks('train', decision.anomalousWithoutMask), ...warnings(datasets, null)],
    };
  }
  const { modelType } = decision;
  const labels = modelType === 'segmentation' ? [...new Set(datasets.flatMap(labelsInUse))].sort() : [];
  const problems = schemeProblems(test, modelType, trainAsClassification);
  const issues = [
    ...datasets.flatMap((summary) => {
      const required = minimums[modelType][configuration][summary.type];
      return required ? unmetMinimums(summary, required, modelType, labels) : [];
    }),
    ...problems,
  ];
  return {
    configuration,
    modelType,
    canTrain: !hasErrors(issues),
    offerTrainAsClassification: problems.some((issue) => issue.code === 'import:readiness.partialMasks'),
    issues: [...issues, ...warnings(datasets, modelType)],
  };
}
