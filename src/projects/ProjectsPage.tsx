// The project list: create, open, rename, delete, and the one-click demo project.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useStoredData } from '../app/useStoredData';
import { projectSummaries } from '../storage/projects';
import { CreateProjectForm } from '../app/CreateProjectForm';
import { DemoProjectButton } from './DemoProjectButton';
import { ImportProjectZipForm } from './ImportProjectZipForm';
import { ExportProjectBundle } from './bundle/ExportProjectBundle';
import { ImportProjectBundleForm } from './bundle/ImportProjectBundleForm';
import { ProjectActions } from './ProjectActions';
import { formatDateTime } from '../i18n/format';

export function ProjectsPage() {
  const { t } = useTranslation();
  const summaries = useStoredData(['projects', 'datasets', 'modelVersions'], (db) => projectSummaries(db), []);
  return (
    <section className="page">
      <h1>{t('projects.title')}</h1>
      <div className="toolbar">
        <CreateProjectForm />
        <DemoProjectButton />
        <ImportProjectZipForm />
        <ImportProjectBundleForm />
      </div>
      {summaries.status === 'loading' && <p>{t('common.loading')}</p>}
      {summaries.status === 'failed' && <p role="alert">{t('common.loadFailed')}</p>}
      {summaries.status === 'ready' && summaries.data.length === 0 && <p className="empty">{t('projects.empty')}</p>}
      {summaries.status === 'ready' && summaries.data.length > 0 && (
        <table className="table" data-testid="project-list">
          <thead>
            <tr>
              <th>{t('projects.columns.name')}</th>
              <th>{t('projects.columns.images')}</th>
              <th>{t('projects.columns.created')}</th>
              <th>
                <span className="visually-hidden">{t('projects.columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {summaries.data.map(({ project, imageCount }) => (
              <tr key={project.id} data-project-name={project.name}>
                <td>
                  <Link to={`/projects/${project.id}`}>{project.name}</Link>
                </td>
                <td>{imageCount}</td>
                <td>{formatDateTime(project.createdAt)}</td>
                <td>
                  <ProjectActions project={project} />
                  <ExportProjectBundle project={project} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
