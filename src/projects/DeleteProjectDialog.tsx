// Deleting a project removes all its data, so the user types the project's name to confirm.
import { useTranslation } from 'react-i18next';
import { ConfirmByTypingDialog } from '../app/ConfirmByTypingDialog';
import { useUiStore } from '../app/uiStore';
import type { Project } from '../domain/types';
import { openSpotcheckDb } from '../storage/db';
import { deleteProject } from '../storage/projects';

export function DeleteProjectDialog({ project, onClose }: { project: Project; onClose: () => void }) {
  const { t } = useTranslation();
  const showInfo = useUiStore((state) => state.showInfo);
  return (
    <ConfirmByTypingDialog
      title={t('projects.delete.title', { name: project.name })}
      warning={t('projects.delete.warning')}
      confirmationWord={project.name}
      fieldLabel={t('projects.delete.typeName', { name: project.name })}
      confirmLabel={t('projects.delete.confirm')}
      onConfirm={async (typed) => {
        await deleteProject(await openSpotcheckDb(), project.id, typed);
        showInfo(t('projects.delete.done', { name: project.name }));
      }}
      onClose={onClose}
    />
  );
}
