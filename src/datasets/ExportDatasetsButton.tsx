// Downloads the project's datasets as one zip (spec §3.1) and says which entries were left out.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../app/downloadFile';
import { importWorker } from '../app/workers';
import { useUiStore } from '../app/uiStore';
import type { Project } from '../domain/types';
import { openSpotcheckDb } from '../storage/db';
import { readExportSource } from '../storage/exportData';

export function ExportDatasetsButton({ project }: { project: Project }) {
  const { t } = useTranslation();
  const { showError, showInfo } = useUiStore();
  const [busy, setBusy] = useState(false);

  async function exportDatasets() {
    setBusy(true);
    try {
      const source = await readExportSource(await openSpotcheckDb(), project.id);
      const report = await importWorker.run((api) => api.buildDatasetZip(source));
      downloadFile(`${project.name}-datasets.zip`, report.zip);
      showInfo(t('datasets.export.done', { count: report.exported }));
      for (const sourceRef of report.leftOut) showInfo(t('datasets.export.leftOut', { sourceRef }));
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <button type="button" className="button-secondary" onClick={exportDatasets} disabled={busy}>
      {busy ? t('datasets.export.busy') : t('datasets.export.action')}
    </button>
  );
}
