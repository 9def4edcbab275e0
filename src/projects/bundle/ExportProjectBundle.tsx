// "Export project" on a project row: the whole project as one bundle file (src/domain/projectBundle.ts),
// trial detections included on request, with progress and cancel.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../app/downloadFile';
import { useUiStore } from '../../app/uiStore';
import { writeProjectBundle, type BundleProgress } from '../../domain/projectBundle';
import type { Project } from '../../domain/types';
import { openSpotcheckDb } from '../../storage/db';
import { readProjectRecords } from '../../storage/projectBundle';

export function ExportProjectBundle({ project }: { project: Project }) {
  const { t } = useTranslation();
  const { showError, showInfo } = useUiStore();
  const [includeTrials, setIncludeTrials] = useState(false);
  const [progress, setProgress] = useState<BundleProgress | null>(null);
  const cancel = useRef<AbortController | null>(null);

  async function exportBundle() {
    cancel.current = new AbortController();
    setProgress({ bytesDone: 0, bytesTotal: 0 });
    try {
      const records = await readProjectRecords(await openSpotcheckDb(), project.id, includeTrials);
      const bundle = await writeProjectBundle(records, {
        projectName: project.name,
        includesTrials: includeTrials,
        exportedAt: new Date().toISOString(),
        onProgress: setProgress,
        signal: cancel.current.signal,
      });
      downloadFile(`${project.name}.spotcheck.zip`, bundle);
    } catch (error) {
      if (cancel.current.signal.aborted) showInfo(t('projects.bundle.exportCancelled', { name: project.name }));
      else showError(error);
    } finally {
      setProgress(null);
    }
  }

  if (progress) {
    return (
      <span className="inline-form" role="status">
        <progress value={progress.bytesDone} max={progress.bytesTotal || 1} aria-label={t('projects.bundle.exportProgressFor', { name: project.name })} />
        <button type="button" className="button-quiet" onClick={() => cancel.current?.abort()}>
          {t('projects.bundle.cancel')}
        </button>
      </span>
    );
  }
  return (
    <span className="inline-form">
      <label>
        <input type="checkbox" checked={includeTrials} onChange={(event) => setIncludeTrials(event.target.checked)} />
        {t('projects.bundle.includeTrials')}
      </label>
      <button type="button" className="button-quiet" onClick={exportBundle} aria-label={t('projects.bundle.exportFor', { name: project.name })}>
        {t('projects.bundle.export')}
      </button>
    </span>
  );
}
