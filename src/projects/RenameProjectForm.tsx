// Inline rename; an invalid or taken name is explained and nothing changes.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../app/uiStore';
import { isUserFacingError } from '../domain/errors';
import type { Project } from '../domain/types';
import { describeError } from '../i18n';
import { openSpotcheckDb } from '../storage/db';
import { renameProject } from '../storage/projects';

export function RenameProjectForm({ project, onDone }: { project: Project; onDone: () => void }) {
  const { t } = useTranslation();
  const showError = useUiStore((state) => state.showError);
  const [name, setName] = useState(project.name);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await renameProject(await openSpotcheckDb(), project.id, name.trim());
      onDone();
    } catch (error) {
      if (isUserFacingError(error)) setProblem(describeError(error));
      else showError(error);
    }
  }

  return (
    <form className="inline-form" onSubmit={submit} aria-label={t('projects.rename.labelFor', { name: project.name })}>
      <input name="newProjectName" value={name} onChange={(event) => setName(event.target.value)} maxLength={255} autoFocus />
      <button type="submit">{t('actions.save')}</button>
      <button type="button" className="button-quiet" onClick={onDone}>
        {t('actions.cancel')}
      </button>
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
