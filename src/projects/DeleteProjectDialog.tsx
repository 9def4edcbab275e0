// Deleting a project removes all its data, so the user types the project's name to confirm.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../app/uiStore';
import { isUserFacingError } from '../domain/errors';
import type { Project } from '../domain/types';
import { describeError } from '../i18n';
import { openSpotcheckDb } from '../storage/db';
import { deleteProject } from '../storage/projects';

export function DeleteProjectDialog({ project, onClose }: { project: Project; onClose: () => void }) {
  const { t } = useTranslation();
  const { dataChanged, showError, showInfo } = useUiStore();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await deleteProject(await openSpotcheckDb(), project.id, typed);
      dataChanged();
      showInfo(t('projects.delete.done', { name: project.name }));
      onClose();
    } catch (error) {
      if (isUserFacingError(error)) setProblem(describeError(error));
      else showError(error);
    }
  }

  return (
    <dialog ref={dialogRef} className="dialog" onClose={onClose} aria-labelledby="delete-project-title">
      <form method="dialog" onSubmit={submit}>
        <h2 id="delete-project-title">{t('projects.delete.title', { name: project.name })}</h2>
        <p>{t('projects.delete.warning')}</p>
        <label>
          <span>{t('projects.delete.typeName', { name: project.name })}</span>
          <input name="confirmation" value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" autoFocus />
        </label>
        {problem && (
          <p className="field-problem" role="alert">
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button-quiet" onClick={onClose}>
            {t('actions.cancel')}
          </button>
          <button type="submit" className="button-danger" disabled={typed.trim() !== project.name}>
            {t('projects.delete.confirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
