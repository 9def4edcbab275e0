// A running training run: stage, percentages, elapsed and remaining time, the segmentation head's
// loss curve, and cancel. Reads the tab's job store, so it shows the same run after navigating away.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LineChart } from '../app/charts/LineChart';
import { cancelTrainingJob, type TrainingJob } from './trainingJobs';
import { splitDuration, type LossPoint } from './trainingProgress';

const lossColor = '#0072b2';
const noLoss: readonly LossPoint[] = [];

export function TrainingProgressPanel({ job }: { job: TrainingJob }) {
  const { t } = useTranslation();
  const progress = job.progress?.report;
  const lossCurve = job.progress?.lossCurve ?? noLoss;
  const { version } = job.info.version;
  const epochs = useMemo(() => lossCurve.map((point) => point.epoch), [lossCurve]);
  const series = useMemo(() => [{ label: t('models:progress.loss'), color: lossColor, values: lossCurve.map((point) => point.loss) }], [lossCurve, t]);
  const overall = Math.floor(progress?.overallPercent ?? 0);
  return (
    <section className="training-progress" data-testid="training-progress" data-version={version} aria-label={t('models:progress.title', { version })}>
      <h2>{t('models:progress.title', { version })}</h2>
      <div className="progress-row">
        <progress max={100} value={overall} aria-label={t('models:progress.overall')} />
        <span data-testid="training-percent">{t('models:progress.percent', { percent: overall })}</span>
      </div>
      {progress ? (
        <dl className="facts">
          <dt>{t('models:progress.stage')}</dt>
          <dd data-testid="training-stage">
            {t(`models:progress.stages.${progress.stage}`)} ({t('models:progress.percent', { percent: Math.floor(progress.percent) })})
          </dd>
          <dt>{t('models:progress.elapsed')}</dt>
          <dd>{t('models:progress.duration', splitDuration(progress.elapsedMs))}</dd>
          <dt>{t('models:progress.remaining')}</dt>
          <dd>{progress.remainingMs === undefined ? t('models:progress.estimating') : t('models:progress.duration', splitDuration(progress.remainingMs))}</dd>
          {progress.epoch !== undefined && (
            <>
              <dt>{t('models:progress.epoch')}</dt>
              <dd>{progress.epoch}</dd>
            </>
          )}
        </dl>
      ) : (
        <p className="hint">{t('models:progress.preparing')}</p>
      )}
      {lossCurve.length > 0 && (
        <LineChart
          label={t('models:progress.lossChart')}
          x={epochs}
          series={series}
          xLabel={t('models:progress.epoch')}
          yLabel={t('models:progress.loss')}
          wholeNumberX
          heightPx={180}
        />
      )}
      <div className="toolbar">
        <button type="button" className="button-danger-quiet" disabled={job.cancelling} onClick={() => cancelTrainingJob(job.id)}>
          {job.cancelling ? t('models:progress.cancelling') : t('models:progress.cancel')}
        </button>
      </div>
    </section>
  );
}
