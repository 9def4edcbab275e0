// A new, empty project; the name is checked against spec §1 as the user types. Shown on the dashboard
// and the projects page (moved from projects/).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useUiStore } from './uiStore';
import { isUserFacingError } from '../domain/errors';
import { validateProjectName } from '../domain/projectName';
import { describeError } from '../i18n';
import { openSpotcheckDb } from '../storage/db';
import { createProject } from '../storage/projects';

export function CreateProjectForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const showError = useUiStore((state) => state.showError);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const project = await createProject(await openSpotcheckDb(), name.trim());
      setName('');
      setProblem(null);
      await navigate(`/projects/${project.id}`);
    } catch (error) {
      if (isUserFacingError(error)) setProblem(describeError(error));
      else showError(error);
    } finally {
      setBusy(false);
    }
  }

  function edit(value: string) {
    setName(value);
    const invalid = value.trim() === '' ? null : validateProjectName(value.trim());
    setProblem(invalid ? describeError(invalid) : null);
  }

  return (
    <form className="inline-form" onSubmit={submit} aria-label={t('projects.create.label')}>
      <label>
        <span>{t('projects.create.nameLabel')}</span>
        <input
          name="projectName"
          value={name}
          onChange={(event) => edit(event.target.value)}
          maxLength={255}
          autoComplete="off"
          aria-invalid={problem !== null}
          aria-describedby="project-name-problem"
        />
      </label>
      <button type="submit" disabled={busy || name.trim() === ''}>
        {t('projects.create.submit')}
      </button>
      <p id="project-name-problem" className="field-problem" role="alert">
        {problem}
      </p>
    </form>
  );
}
