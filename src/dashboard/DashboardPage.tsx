// The overview: how many projects and images there are, and a card per project.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useStoredData } from '../app/useStoredData';
import { projectSummaries } from '../storage/projects';

export function DashboardPage() {
  const { t } = useTranslation();
  const summaries = useStoredData((db) => projectSummaries(db), []);
  if (summaries.status !== 'ready') return <p>{t('common.loading')}</p>;
  const projects = summaries.data;
  const imageTotal = projects.reduce((sum, summary) => sum + summary.imageCount, 0);
  return (
    <section className="page">
      <h1>{t('dashboard.title')}</h1>
      <dl className="tiles">
        <div className="tile">
          <dt>{t('dashboard.projects')}</dt>
          <dd data-testid="dashboard-project-count">{projects.length}</dd>
        </div>
        <div className="tile">
          <dt>{t('dashboard.datasetImages')}</dt>
          <dd data-testid="dashboard-image-count">{imageTotal}</dd>
        </div>
      </dl>
      {projects.length === 0 ? (
        <p className="empty">
          {t('dashboard.empty')} <Link to="/projects">{t('dashboard.createProject')}</Link>
        </p>
      ) : (
        <ul className="cards">
          {projects.map(({ project, imageCount }) => (
            <li key={project.id} className="card">
              <Link to={`/projects/${project.id}`}>{project.name}</Link>
              <span>{t('dashboard.imageCount', { count: imageCount })}</span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/projects" className="button-link">
          {t('dashboard.createProject')}
        </Link>
      </p>
    </section>
  );
}
