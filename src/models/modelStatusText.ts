// The status a person reads for a model version (spec §1.2 UI texts), with the reason of a failure
// and the progress of a run this tab is training.
import type { TFunction } from 'i18next';
import type { ModelVersion } from '../domain/types';
import type { TrainingProgressReport } from '../contracts/trainingWorkerApi';

/** `training`: the last report of the run this tab trains the version in, if any. */
export function modelStatusText(t: TFunction, version: ModelVersion, training: TrainingProgressReport | undefined): string {
  const label = t(`models:status.${version.status}`);
  if (version.status === 'TRAINING' && training) return t('models:status.withPercent', { label, percent: Math.floor(training.overallPercent) });
  if ((version.status === 'TRAINING_FAILED' || version.status === 'HOSTING_FAILED') && version.statusMessage) {
    return t('models:status.withReason', { label, reason: version.statusMessage });
  }
  return label;
}
