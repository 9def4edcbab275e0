// Rename and delete for one project row.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../domain/types';
import { DeleteProjectDialog } from './DeleteProjectDialog';
import { RenameProjectForm } from './RenameProjectForm';

export function ProjectActions({ project }: { project: Project }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'idle' | 'rename' | 'delete'>('idle');
  if (mode === 'rename') return <RenameProjectForm project={project} onDone={() => setMode('idle')} />;
  return (
    <div className="row-actions">
      <button type="button" className="button-quiet" onClick={() => setMode('rename')} aria-label={t('projects.rename.labelFor', { name: project.name })}>
        {t('projects.rename.action')}
      </button>
      <button
        type="button"
        className="button-danger-quiet"
        onClick={() => setMode('delete')}
        aria-label={t('projects.delete.labelFor', { name: project.name })}
      >
        {t('projects.delete.action')}
      </button>
      {mode === 'delete' && <DeleteProjectDialog project={project} onClose={() => setMode('idle')} />}
    </div>
  );
}
