// "Import project": a project bundle made by Export project, recreated all or nothing, with progress and
// cancel; when its name is taken here, the user may import it as a copy under a new name.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useUiStore } from '../../app/uiStore';
import { readProjectBundle, type BundleProgress, type ReadBundle } from '../../domain/projectBundle';
import { isUserFacingError } from '../../domain/errors';
import { describeError } from '../../i18n';
import { openSpotcheckDb } from '../../storage/db';
import { writeProjectRecords } from '../../storage/projectBundle';
import { checkImportedProjectModels } from '../../runtime/importCheck';

export function ImportProjectBundleForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { showError, showInfo } = useUiStore();
  const [progress, setProgress] = useState<BundleProgress | null>(null);
  const [duplicate, setDuplicate] = useState<{ bundle: ReadBundle; message: string; copyName: string } | null>(null);
  const cancel = useRef<AbortController | null>(null);

  async function write(bundle: ReadBundle, copyName?: string) {
    const db = await openSpotcheckDb();
    const project = await writeProjectRecords(db, bundle.records, copyName);
    // Spec §9 item 4: its models prove on this device that they give the results they came with.
    await checkImportedProjectModels(db, project.id);
    setDuplicate(null);
    await navigate(`/projects/${project.id}`);
  }

  async function importFile(file: File | undefined) {
    if (!file) return;
    cancel.current = new AbortController();
    setProgress({ bytesDone: 0, bytesTotal: file.size });
    try {
      const bundle = await readProjectBundle(file, file.name, { onProgress: setProgress, signal: cancel.current.signal });
      try {
        await write(bundle);
      } catch (error) {
        if (!(isUserFacingError(error) && error.code === 'projectBundle.duplicate')) throw error;
        setDuplicate({ bundle, message: describeError(error), copyName: `${bundle.manifest.projectName}-copy` });
      }
    } catch (error) {
      if (cancel.current.signal.aborted) showInfo(t('projects.bundle.importCancelled', { file: file.name }));
      else showError(error);
    } finally {
      setProgress(null);
    }
  }

  async function importCopy() {
    if (!duplicate) return;
    try {
      await write(duplicate.bundle, duplicate.copyName.trim());
    } catch (error) {
      showError(error);
    }
  }

  return (
    <div className="inline-form">
      <label className="button-link button-secondary">
        {t('projects.bundle.import')}
        <input
          type="file"
          hidden
          accept=".zip,application/zip"
          data-testid="import-project-bundle"
          onChange={(event) => void importFile(event.target.files?.[0])}
        />
      </label>
      {progress && (
        <span role="status">
          <progress value={progress.bytesDone} max={progress.bytesTotal || 1} aria-label={t('projects.bundle.importProgress')} />
          <button type="button" className="button-quiet" onClick={() => cancel.current?.abort()}>
            {t('projects.bundle.cancel')}
          </button>
        </span>
      )}
      {duplicate && (
        <span role="alert" data-testid="project-bundle-duplicate">
          {duplicate.message}
          <label>
            {t('projects.bundle.copyName')}
            <input value={duplicate.copyName} onChange={(event) => setDuplicate({ ...duplicate, copyName: event.target.value })} />
          </label>
          <button type="button" onClick={importCopy}>
            {t('projects.bundle.importCopy')}
          </button>
        </span>
      )}
    </div>
  );
}
