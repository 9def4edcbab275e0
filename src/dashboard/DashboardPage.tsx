// The dashboard (spec §7 item 1): overview counts, detections and anomalies over a chosen period,
// one card per project (paginated) with its figures and chart, and project creation. Everything is
// aggregated in storage from the detection events' time index; only bucket counts reach React.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStoredData } from '../app/useStoredData';
import { CreateProjectForm } from '../app/CreateProjectForm';
import { describeError } from '../i18n';
import { ActivityChart } from './ActivityChart';
import { formatRate } from './formatRate';
import { loadDashboard, type DashboardData } from './loadDashboard';
import { PeriodPicker } from './PeriodPicker';
import { localDateString, periodRange, type CustomDates, type PeriodChoice } from './periods';
import { ProjectActivityCard } from './ProjectActivityCard';
import './dashboard.css';
import { formatNumber } from '../i18n/format';
import { FirstVisitLanguage } from '../app/FirstVisitLanguage';

const projectsPerPage = 6;
const defaultCustomDays = 7;
const dayMs = 24 * 60 * 60 * 1000;

function Overview({ data }: { data: DashboardData }) {
  const { t } = useTranslation();
  const { totals } = data;
  const tiles = [
    ['projects', 'dashboard-project-count', formatNumber(totals.projects)],
    ['datasetImages', 'dashboard-image-count', formatNumber(totals.datasetImages)],
    ['imagesProcessed', 'dashboard-images-processed', formatNumber(totals.imagesProcessed)],
    ['anomaliesDetected', 'dashboard-anomalies', formatNumber(totals.anomalies)],
    ['anomalyRate', 'dashboard-anomaly-rate', formatRate(totals.anomalies, totals.imagesProcessed, t('dashboard:noRate'))],
  ] as const;
  return (
    <dl className="tiles">
      {tiles.map(([key, testId, value]) => (
        <div className="tile" key={key}>
          <dt>{t(`dashboard:${key}`)}</dt>
          <dd data-testid={testId}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ProjectPages({ data }: { data: DashboardData }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(0);
  const pageCount = Math.max(1, Math.ceil(data.rows.length / projectsPerPage));
  const current = Math.min(page, pageCount - 1);
  const rows = data.rows.slice(current * projectsPerPage, (current + 1) * projectsPerPage);
  return (
    <>
      <ul className="cards dashboard-cards">
        {rows.map((row) => (
          <ProjectActivityCard key={row.summary.project.id} row={row} />
        ))}
      </ul>
      {pageCount > 1 && (
        <nav className="toolbar" aria-label={t('dashboard:pages.label')}>
          <button type="button" className="button-secondary" disabled={current === 0} onClick={() => setPage(current - 1)}>
            {t('dashboard:pages.previous')}
          </button>
          <span>{t('dashboard:pages.position', { page: current + 1, count: pageCount })}</span>
          <button type="button" className="button-secondary" disabled={current === pageCount - 1} onClick={() => setPage(current + 1)}>
            {t('dashboard:pages.next')}
          </button>
        </nav>
      )}
    </>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<PeriodChoice>('24h');
  const [custom, setCustom] = useState<CustomDates>(() => ({
    from: localDateString(Date.now() - (defaultCustomDays - 1) * dayMs),
    to: localDateString(Date.now()),
  }));
  const [range, setRange] = useState(() => periodRange('24h', Date.now()));
  const [problem, setProblem] = useState<string | null>(null);
  const data = useStoredData(['settings', 'projects', 'datasets', 'modelVersions', 'detectionEvents'], (db) => loadDashboard(db, range), [range]);

  /** Applies a period as of now; bad custom dates leave the last good range on screen. */
  function apply(nextChoice: PeriodChoice) {
    try {
      setRange(periodRange(nextChoice, Date.now(), custom));
      setProblem(null);
    } catch (error) {
      setProblem(describeError(error));
    }
  }

  return (
    <section className="page dashboard">
      <FirstVisitLanguage />
      <h1>{t('dashboard:title')}</h1>
      <PeriodPicker
        choice={choice}
        custom={custom}
        problem={problem}
        onChoice={(next) => {
          setChoice(next);
          apply(next);
        }}
        onCustom={setCustom}
        onRefresh={() => apply(choice)}
      />
      {data.status === 'loading' && <p>{t('common.loading')}</p>}
      {data.status === 'failed' && <p role="alert">{t('common.loadFailed')}</p>}
      {data.status === 'ready' && (
        <div data-testid="dashboard" data-range-start={data.data.range.startMs} data-range-end={data.data.range.endMs}>
          <Overview data={data.data} />
          <h2>{t('dashboard:chart.title')}</h2>
          <ActivityChart buckets={data.data.totals.buckets} testId="dashboard-chart" />
          <h2>{t('dashboard:projectsTitle')}</h2>
          {data.data.rows.length === 0 ? <p className="empty">{t('dashboard:empty')}</p> : <ProjectPages data={data.data} />}
        </div>
      )}
      <h2>{t('dashboard:createProject')}</h2>
      <CreateProjectForm />
    </section>
  );
}
