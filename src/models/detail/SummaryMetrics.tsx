// The model's summary (spec §6 "Summary"): status, dates, training time, test image count, and the
// image-level figures at the trained threshold as percentages, with the confusion matrix; ROC AUC and
// AP, which do not depend on a threshold, beside them.
import { formatDateTime, formatDecimals, formatPercent } from '../../i18n/format';
import { useTranslation } from 'react-i18next';
import type { ModelVersion } from '../../domain/types';
import type { TrainingEvaluation } from '../../../workers/engine/training/types';
import { modelStatusText } from '../modelStatusText';
import { ConfusionMatrix } from './ConfusionMatrix';

const millisecondsPerSecond = 1000;
/** Threshold decimals in the summary; the slider shows as many as its step needs. */
const summaryThresholdDecimals = 3;

export function SummaryMetrics({ version, evaluation }: { version: ModelVersion; evaluation: TrainingEvaluation }) {
  const { t } = useTranslation();
  const { image } = evaluation;
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = image.counts;
  const tiles = [
    ['precision', formatPercent(image.precision), t('modelDetail:summary.precisionHint', { tp, predicted: tp + fp })],
    ['recall', formatPercent(image.recall), t('modelDetail:summary.recallHint', { tp, actual: tp + fn })],
    ['f1', formatPercent(image.f1), t('modelDetail:summary.f1Hint')],
    ['rocAuc', formatPercent(image.rocAuc), t('modelDetail:summary.rocAucHint')],
    ['averagePrecision', formatPercent(image.averagePrecision), t('modelDetail:summary.averagePrecisionHint')],
  ] as const;
  return (
    <section className="model-detail-section" aria-labelledby="model-summary-title">
      <h2 id="model-summary-title">{t('modelDetail:summary.title')}</h2>
      <dl className="model-facts">
        <div>
          <dt>{t('modelDetail:summary.status')}</dt>
          <dd data-testid="model-status">{modelStatusText(t, version, undefined)}</dd>
        </div>
        {version.statusMessage && (
          <div>
            <dt>{t('modelDetail:summary.statusMessage')}</dt>
            <dd>{version.statusMessage}</dd>
          </div>
        )}
        <div>
          <dt>{t('modelDetail:summary.created')}</dt>
          <dd>{formatDateTime(version.createdAt)}</dd>
        </div>
        {version.trainingDurationMs !== undefined && (
          <div>
            <dt>{t('modelDetail:summary.duration')}</dt>
            <dd>{t('modelDetail:summary.seconds', { seconds: Math.round(version.trainingDurationMs / millisecondsPerSecond) })}</dd>
          </div>
        )}
        <div>
          <dt>{t('modelDetail:summary.testImages')}</dt>
          <dd>{evaluation.testingImages}</dd>
        </div>
        <div>
          <dt>{t('modelDetail:summary.trainedThreshold')}</dt>
          <dd>{formatDecimals(image.threshold, summaryThresholdDecimals)}</dd>
        </div>
        <div>
          <dt>{t('modelDetail:summary.thresholdMethod')}</dt>
          <dd data-testid="threshold-method">{t(`modelDetail:summary.thresholdMethods.${evaluation.calibration.method}`)}</dd>
        </div>
      </dl>
      <dl className="tiles" data-testid="model-metrics">
        {tiles.map(([key, value, hint]) => (
          <div className="tile" key={key} data-metric={key}>
            <dt>{t(`modelDetail:summary.${key}`)}</dt>
            <dd>{value}</dd>
            <p className="tile-hint">{hint}</p>
          </div>
        ))}
      </dl>
      <ConfusionMatrix counts={image.counts} caption={t('modelDetail:summary.confusionCaption')} testId="trained-confusion" />
    </section>
  );
}
