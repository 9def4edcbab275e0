// A project's frame: its name and the tabs Datasets, Models, Trial detections and Camera. In app/ (moved
// from projects/) because every project feature reads its project through `useCurrentProject`.
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useOutletContext, useParams } from 'react-router';
import { useStoredData } from './useStoredData';
import type { Project } from '../domain/types';
import { describeError } from '../i18n';
import { getProject } from '../storage/projects';

export function ProjectLayout() {
  const { t } = useTranslation();
  const { projectId = '' } = useParams();
  const project = useStoredData(['projects'], (db) => getProject(db, projectId), [projectId]);
  if (project.status === 'loading') return <p>{t('common.loading')}</p>;
  if (project.status === 'failed') return <p role="alert">{describeError(project.error)}</p>;
  const tabs = [
    ['datasets', t('project.tabs.datasets')],
    ['models', t('project.tabs.models')],
    ['trials', t('project.tabs.trials')],
    ['camera', t('project.tabs.camera')],
  ] as const;
  return (
    <section className="page">
      <h1 className="project-title">{project.data.name}</h1>
      <nav className="tabs" aria-label={t('project.tabs.label')}>
        {tabs.map(([path, label]) => (
          <NavLink key={path} to={path}>
            {label}
          </NavLink>
        ))}
      </nav>
      <Outlet context={project.data} />
    </section>
  );
}

/** The project whose tab is showing. */
export function useCurrentProject(): Project {
  return useOutletContext<Project>();
}
