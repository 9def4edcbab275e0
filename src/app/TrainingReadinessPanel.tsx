// What is still missing before a model can be trained (spec §5 minimums), e.g. "Training
// dataset: 14 of 20 normal images.", recomputed whenever the datasets change. Shown on the datasets
// page, the models page and the train dialog (moved from datasets/).
import { useTranslation } from 'react-i18next';
import { useStoredData, type StoredData } from './useStoredData';
import { issueToError } from '../domain/rules/issues';
import { checkTrainingReadiness, type TrainingReadiness } from '../domain/rules/readiness';
import { summarizeEntries } from '../domain/rules/summarizeEntries';
import { describeError } from '../i18n';
import { listDatasets, listEntries } from '../storage/datasets';
import { listAnomalyLabels } from '../storage/labels';

/**
 * The project's training readiness, re-read whenever stored data changes (the Models page enables Train
 * with it, and asks again with `trainAsClassification` when the user chooses to ignore the masks).
 */
export function useTrainingReadiness(projectId: string, trainAsClassification = false): StoredData<TrainingReadiness> {
  return useStoredData(
    ['datasets', 'anomalyLabels', 'entries'],
    async (db) => {
      const [datasets, labels] = await Promise.all([listDatasets(db, projectId), listAnomalyLabels(db, projectId)]);
      const summaryOf = async (type: 'train' | 'test') => {
        const dataset = datasets.find((candidate) => candidate.type === type);
        return dataset ? summarizeEntries(type, await listEntries(db, dataset.id), labels) : null;
      };
      return checkTrainingReadiness({ train: await summaryOf('train'), test: await summaryOf('test'), trainAsClassification });
    },
    [projectId, trainAsClassification],
  );
}

export function TrainingReadinessPanel({ projectId }: { projectId: string }) {
  const readiness = useTrainingReadiness(projectId);
  return readiness.status === 'ready' ? <TrainingReadinessView readiness={readiness.data} /> : null;
}

export function TrainingReadinessView({ readiness }: { readiness: TrainingReadiness }) {
  const { t } = useTranslation();
  const { canTrain, modelType, issues } = readiness;
  return (
    <section className={`readiness ${canTrain ? 'readiness-ok' : 'readiness-missing'}`} data-testid="training-readiness" aria-label={t('readiness.title')}>
      <h2>{t('readiness.title')}</h2>
      <p>{canTrain ? t('readiness.ready', { modelType: t(`readiness.modelType.${modelType}`) }) : t('readiness.notReady')}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => {
            const message = describeError(issueToError(issue));
            return (
              <li key={message} className={`issue-${issue.severity}`}>
                {message}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
