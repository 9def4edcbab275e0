// Detections and anomalies per bucket of a period, as two lines that differ in colour and dash
// (Okabe-Ito blue solid, vermillion dashed) so they stay apart for colour-blind readers.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LineChart, type LineSeries } from '../app/charts/LineChart';
import type { ActivityBucket } from '../storage/detectionEvents';

const detectionsColor = '#0072B2';
const anomaliesColor = '#D55E00';
const anomaliesDash = [6, 4];
const msPerSecond = 1000;

export function ActivityChart({ buckets, heightPx, testId }: { buckets: ActivityBucket[]; heightPx?: number; testId: string }) {
  const { t } = useTranslation();
  const x = useMemo(() => buckets.map((bucket) => bucket.startMs / msPerSecond), [buckets]);
  const series = useMemo<LineSeries[]>(
    () => [
      { label: t('dashboard:chart.detections'), color: detectionsColor, values: buckets.map((bucket) => bucket.imagesProcessed) },
      { label: t('dashboard:chart.anomalies'), color: anomaliesColor, dash: anomaliesDash, values: buckets.map((bucket) => bucket.anomalies) },
    ],
    [buckets, t],
  );
  const detections = buckets.reduce((sum, bucket) => sum + bucket.imagesProcessed, 0);
  const anomalies = buckets.reduce((sum, bucket) => sum + bucket.anomalies, 0);
  return (
    <div data-testid={testId} data-buckets={buckets.length} data-first-bucket={buckets[0]?.startMs} data-detections={detections} data-anomalies={anomalies}>
      <LineChart
        label={t('dashboard:chart.label', { detections, anomalies, buckets: buckets.length })}
        x={x}
        series={series}
        time
        stepped
        heightPx={heightPx}
      />
    </div>
  );
}
