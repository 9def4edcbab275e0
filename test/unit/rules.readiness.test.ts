// Training readiness (spec §5 minimums, §1.3 model type): table-driven over single/separate ×
// classification/segmentation, met and unmet, with the exact English messages.
import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/i18n';
import type { DatasetLabelSummary } from '../../src/domain/rules/datasetSummary';
import { issueToError } from '../../src/domain/rules/issues';
import { deriveModelType } from '../../src/domain/rules/modelType';
import { checkTrainingReadiness, type TrainingInput } from '../../src/domain/rules/readiness';
import type { DatasetType } from '../../src/domain/types';

function summary(
  type: DatasetType,
  fields: Partial<Omit<DatasetLabelSummary, 'anomalyByLabel' | 'multiLabelByLabel'>> & {
    labels?: Record<string, number>;
    several?: Record<string, number>;
  },
): DatasetLabelSummary {
  const { labels = {}, several = {}, ...rest } = fields;
  return {
    type,
    normal: 0,
    multiLabel: 0,
    anomalousWithoutMask: 0,
    unlabeled: 0,
    ...rest,
    anomalyByLabel: new Map(Object.entries(labels)),
    multiLabelByLabel: new Map(Object.entries(several)),
  };
}

const train = (fields: Parameters<typeof summary>[1]) => summary('train', fields);
const test = (fields: Parameters<typeof summary>[1]) => summary('test', fields);

interface Case {
  name: string;
  input: TrainingInput;
  modelType: 'classification' | 'segmentation' | null;
  messages: string[];
}

const cases: Case[] = [
  {
    name: 'single classification, met',
    input: { train: train({ normal: 20, anomalousWithoutMask: 10 }), test: null },
    modelType: 'classification',
    messages: [],
  },
  {
    name: 'single classification, unmet',
    input: { train: train({ normal: 14, anomalousWithoutMask: 3, unlabeled: 5 }), test: null },
    modelType: 'classification',
    messages: [
      'Training dataset: 14 of 20 normal images.',
      'Training dataset: 3 of 10 anomalous images.',
      '5 images are unlabeled and will not be used for training.',
    ],
  },
  {
    name: 'separate classification, met (training needs no anomalous image)',
    input: { train: train({ normal: 10 }), test: test({ normal: 10, anomalousWithoutMask: 10 }) },
    modelType: 'classification',
    messages: [],
  },
  {
    name: 'separate classification, unmet in both',
    input: { train: train({ normal: 9 }), test: test({ normal: 3, anomalousWithoutMask: 1, unlabeled: 1 }) },
    modelType: 'classification',
    messages: [
      'Training dataset: 9 of 10 normal images.',
      'Test dataset: 3 of 10 normal images.',
      'Test dataset: 1 of 10 anomalous images.',
      '1 image is unlabeled and will not be used for training.',
    ],
  },
  {
    name: 'separate classification, test masked unlike training',
    input: { train: train({ normal: 10 }), test: test({ normal: 10, labels: { dent: 10 } }) },
    modelType: 'classification',
    messages: ['Test dataset uses anomaly labels but training dataset does not. Remove the test masks, or label and mask the training dataset the same way.'],
  },
  {
    name: 'single segmentation, met',
    input: { train: train({ normal: 20, labels: { cracked: 24 } }), test: null },
    modelType: 'segmentation',
    messages: [],
  },
  {
    name: 'single segmentation, unmet with multi-label images',
    input: { train: train({ normal: 20, labels: { dent: 12, scratch: 20 }, several: { dent: 3, scratch: 3 }, multiLabel: 3 }), test: null },
    modelType: 'segmentation',
    messages: [
      'Training dataset needs 20 images labelled dent (has 12; 3 more have several labels and do not count).',
      '3 images have several anomaly labels and do not count toward per-label minimums.',
    ],
  },
  {
    name: 'separate segmentation, met',
    input: { train: train({ normal: 10, labels: { dent: 10 } }), test: test({ normal: 10, labels: { dent: 10 } }) },
    modelType: 'segmentation',
    messages: [],
  },
  {
    name: 'separate segmentation, a label missing from test and an unmasked test image',
    input: { train: train({ normal: 10, labels: { dent: 10, scratch: 11 } }), test: test({ normal: 12, labels: { dent: 10 }, anomalousWithoutMask: 2 }) },
    modelType: 'segmentation',
    messages: [
      'Test dataset needs 10 images labelled scratch (has 0).',
      'Test dataset: 2 anomalous images have no mask. Add their masks, or choose “Train as classification (masks ignored)”.',
    ],
  },
  {
    name: 'only some anomalous training images masked: blocked',
    input: { train: train({ normal: 30, labels: { dent: 25 }, anomalousWithoutMask: 1 }), test: null },
    modelType: null,
    messages: ['Training dataset: 1 anomalous image has no mask. Add its mask, or choose “Train as classification (masks ignored)”.'],
  },
  {
    name: 'the same, trained as classification (masks ignored)',
    input: {
      train: train({ normal: 30, labels: { dent: 8 }, anomalousWithoutMask: 1 }),
      test: test({ normal: 10, labels: { dent: 10 } }),
      trainAsClassification: true,
    },
    modelType: 'classification',
    messages: [],
  },
  {
    name: 'training dataset deleted',
    input: { train: null, test: test({ normal: 10 }) },
    modelType: null,
    messages: ['This project has no training dataset. Create one to train a model.'],
  },
];

describe('checkTrainingReadiness', () => {
  it.each(cases)('$name', ({ input, modelType, messages }) => {
    const readiness = checkTrainingReadiness(input);
    expect(readiness.modelType).toBe(modelType);
    expect(readiness.issues.map((issue) => describeError(issueToError(issue)))).toEqual(messages);
    expect(readiness.canTrain).toBe(readiness.issues.every((issue) => issue.severity === 'warning'));
    expect(readiness.configuration).toBe(input.test ? 'separate' : 'single');
  });

  it('offers "Train as classification" only when some anomalous images lack masks', () => {
    const partial = train({ normal: 30, labels: { dent: 25 }, anomalousWithoutMask: 4 });
    expect(checkTrainingReadiness({ train: partial, test: null }).offerTrainAsClassification).toBe(true);
    expect(checkTrainingReadiness({ train: train({ normal: 3 }), test: null }).offerTrainAsClassification).toBe(false);
  });

  it('makes the same offer when only the separate test dataset has unmasked anomalies, and taking it unblocks', () => {
    // The cookie photos as a fixed test set: training fully masked, 8 test anomalies without masks.
    const input = { train: train({ normal: 30, labels: { cracked: 20 } }), test: test({ normal: 12, labels: { cracked: 2 }, anomalousWithoutMask: 8 }) };
    const blocked = checkTrainingReadiness(input);
    expect(blocked.canTrain).toBe(false);
    expect(blocked.offerTrainAsClassification).toBe(true);
    expect(blocked.issues.map((issue) => describeError(issueToError(issue)))).toEqual([
      'Test dataset needs 10 images labelled cracked (has 2).',
      'Test dataset: 8 anomalous images have no mask. Add their masks, or choose “Train as classification (masks ignored)”.',
    ]);
    const asClassification = checkTrainingReadiness({ ...input, trainAsClassification: true });
    expect(asClassification).toMatchObject({ modelType: 'classification', canTrain: true, offerTrainAsClassification: false, issues: [] });
  });
});

describe('deriveModelType (spec §1.3)', () => {
  it.each([
    ['no masks', train({ normal: 5, anomalousWithoutMask: 5 }), false, { status: 'decided', modelType: 'classification' }],
    ['every anomalous image masked', train({ labels: { dent: 2 }, multiLabel: 1 }), false, { status: 'decided', modelType: 'segmentation' }],
    ['some masked', train({ labels: { dent: 2 }, anomalousWithoutMask: 3 }), false, { status: 'blocked', anomalousWithoutMask: 3 }],
    ['some masked, masks ignored', train({ labels: { dent: 2 }, anomalousWithoutMask: 3 }), true, { status: 'decided', modelType: 'classification' }],
    ['nothing anomalous', train({ normal: 4 }), false, { status: 'decided', modelType: 'classification' }],
  ])('%s', (_name, summaryOfTrain, trainAsClassification, expected) => {
    expect(deriveModelType(summaryOfTrain, trainAsClassification)).toEqual(expected);
  });
});
