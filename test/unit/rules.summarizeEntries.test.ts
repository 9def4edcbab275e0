// Stored entries → the counts the §5 minimum rules read, checked on a hand-made dataset.
import { describe, expect, it } from 'vitest';
import { checkTrainingReadiness } from '../../src/domain/rules/readiness';
import { summarizeEntries } from '../../src/domain/rules/summarizeEntries';
import { describeError } from '../../src/i18n';
import { issueToError } from '../../src/domain/rules/issues';

const labels = [
  { id: 'l1', name: 'scratch' },
  { id: 'l2', name: 'dent' },
];
const normal = { classification: 'normal' as const, anomalyLabelIds: [], maskId: null };
const unlabeled = { classification: null, anomalyLabelIds: [], maskId: null };
const masked = (...ids: string[]) => ({ classification: 'anomaly' as const, anomalyLabelIds: ids, maskId: 'm' });
const unmasked = { classification: 'anomaly' as const, anomalyLabelIds: [], maskId: null };

describe('summarizeEntries', () => {
  it('counts normal, unlabeled, single-label, several-label and unmasked anomalous images', () => {
    const summary = summarizeEntries('train', [normal, normal, unlabeled, masked('l1'), masked('l1'), masked('l2'), masked('l1', 'l2'), unmasked], labels);
    expect(summary.normal).toBe(2);
    expect(summary.unlabeled).toBe(1);
    expect(summary.anomalousWithoutMask).toBe(1);
    expect(summary.multiLabel).toBe(1);
    expect(Object.fromEntries(summary.anomalyByLabel)).toEqual({ scratch: 2, dent: 1 });
    expect(Object.fromEntries(summary.multiLabelByLabel)).toEqual({ scratch: 1, dent: 1 });
  });

  it('feeds the readiness rules: a single classification dataset of 20 normal + 9 anomalous needs 1 more', () => {
    const entries = [...Array.from({ length: 20 }, () => normal), ...Array.from({ length: 9 }, () => unmasked)];
    const readiness = checkTrainingReadiness({ train: summarizeEntries('train', entries, labels), test: null });
    expect(readiness.canTrain).toBe(false);
    expect(readiness.modelType).toBe('classification');
    expect(readiness.issues.map((issue) => describeError(issueToError(issue))).join(' ')).toContain('9 of 10');
  });
});
