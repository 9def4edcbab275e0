// Importing a model package into this project (spec §9 item 4): the file is read and checked in the
// import worker, then stored as the next version (TRAINED) or, when it does not fit the project, refused with the reason;
// a stored one whose re-run on its test images disagrees with its evaluation is reported at once.
import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../app/uiStore';
import { describeError } from '../i18n';
import { importModelPackageFile } from './importModelPackageFile';
import { importCheckRefusal } from '../domain/evaluation/importCheck';

export function ImportModelButton({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const showInfo = useUiStore((state) => state.showInfo);
  const inputRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const version = await importModelPackageFile(projectId, file);
      const refusal = importCheckRefusal(version);
      if (refusal) setProblem(t('models:import.mismatch', { file: file.name, version: version.version, reason: describeError(refusal) }));
      else showInfo(t('models:import.done', { file: file.name, version: version.version }));
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="import-model">
      <button type="button" className="button-secondary" onClick={() => inputRef.current?.click()} disabled={busy}>
        {busy ? t('models:import.busy') : t('models:import.action')}
      </button>
      <input ref={inputRef} type="file" accept=".zip,application/zip" hidden aria-label={t('models:import.file')} onChange={importFile} />
      {problem && (
        <p className="field-problem" role="alert" data-testid="model-import-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
