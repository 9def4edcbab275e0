// Downloads a trained version as a portable package (spec §9 item 4): model.onnx plus model.json with
// the threshold in effect and the trained one.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../app/downloadFile';
import { useUiStore } from '../app/uiStore';
import type { ModelVersion } from '../domain/types';
import { openSpotcheckDb } from '../storage/db';
import { exportModelPackage } from '../storage/modelPackages';

export function ExportModelButton({ version }: { version: ModelVersion }) {
  const { t } = useTranslation();
  const showError = useUiStore((state) => state.showError);
  const [busy, setBusy] = useState(false);

  async function exportModel() {
    setBusy(true);
    try {
      const { fileName, bytes } = await exportModelPackage(await openSpotcheckDb(), version.id);
      downloadFile(fileName, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <button type="button" className="button-quiet" onClick={exportModel} disabled={busy}>
      {t('models:export.action', { version: version.version })}
    </button>
  );
}
