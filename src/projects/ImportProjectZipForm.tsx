// A new project from a dataset export zip; the name is taken from the zip and can be changed.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useUiStore } from '../app/uiStore';
import { issueToError } from '../domain/rules/issues';
import { describeError } from '../i18n';
import { importProjectZip } from './importProjectZip';

/** A valid project name from a file name: other characters become hyphens (spec §1 name rules). */
function projectNameFromFile(fileName: string): string {
  return (
    fileName
      .replace(/\.zip$/i, '')
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^[-_]+/, '')
      .slice(0, 255) || 'imported'
  );
}

export function ImportProjectZipForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { showError, showInfo } = useUiStore();
  const [zip, setZip] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);

  function choose(file: File | undefined) {
    setZip(file ?? null);
    if (file) setName(projectNameFromFile(file.name));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!zip) return;
    setBusy(true);
    try {
      const { project, warnings } = await importProjectZip(zip, name.trim(), new AbortController().signal);
      if (warnings.length > 0) {
        const details = warnings.map((issue) => describeError(issueToError(issue))).join(' ');
        showInfo(t('projects.importZip.warnings', { count: warnings.length, name: project.name, details }));
      }
      await navigate(`/projects/${project.id}`);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="inline-form" onSubmit={submit} aria-label={t('projects.importZip.label')}>
      <label className="button-link button-secondary">
        {t('projects.importZip.choose')}
        <input type="file" hidden accept=".zip,application/zip" data-testid="import-project-zip" onChange={(event) => choose(event.target.files?.[0])} />
      </label>
      {zip && (
        <>
          <label>
            <span>{t('projects.importZip.nameLabel')}</span>
            <input name="importedProjectName" value={name} onChange={(event) => setName(event.target.value)} maxLength={255} />
          </label>
          <button type="submit" disabled={busy}>
            {busy ? t('projects.importZip.busy') : t('projects.importZip.submit')}
          </button>
        </>
      )}
    </form>
  );
}
