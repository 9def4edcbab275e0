// One project on the dashboard: its name (opens the project), anomalies, images processed, anomaly
// rate and dataset images over the period, and its chart.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ActivityChart } from './ActivityChart';
import type { ProjectDashboardRow } from './loadDashboard';
import { formatRate } from './formatRate';
import { formatNumber } from '../i18n/format';

const cardChartHeightPx = 140;

export function ProjectActivityCard({ row }: { row: ProjectDashboardRow }) {
  const { t } = useTranslation();
  const { summary, activity } = row;
  return (
    <li className="card project-activity" data-testid="project-activity" data-project-name={summary.project.name}>
      <Link to={`/projects/${summary.project.id}`}>{summary.project.name}</Link>
      <dl className="facts">
        <dt>{t('dashboard:anomaliesDetected')}</dt>
        <dd data-testid="project-anomalies">{formatNumber(activity.anomalies)}</dd>
        <dt>{t('dashboard:imagesProcessed')}</dt>
        <dd data-testid="project-images-processed">{formatNumber(activity.imagesProcessed)}</dd>
        <dt>{t('dashboard:anomalyRate')}</dt>
        <dd data-testid="project-anomaly-rate">{formatRate(activity.anomalies, activity.imagesProcessed, t('dashboard:noRate'))}</dd>
        <dt>{t('dashboard:datasetImages')}</dt>
        <dd>{formatNumber(summary.imageCount)}</dd>
      </dl>
      <ActivityChart buckets={activity.buckets} heightPx={cardChartHeightPx} testId="project-chart" />
    </li>
  );
}
