// Downloads a trained version as an NVIDIA Triton model repository (issue 17 item 4): `<name>/config.pbtxt`
// from the graph, `<name>/1/model.onnx` and `<name>/model.json`; docs/inference-server.md explains serving it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../app/downloadFile';
import { useUiStore } from '../app/uiStore';
import type { ModelVersion } from '../domain/types';
import { openSpotcheckDb } from '../storage/db';
import { exportModelPackage } from '../storage/modelPackages';

export function ExportInferenceServerButton({ version, projectName }: { version: ModelVersion; projectName: string }) {
  const { t } = useTranslation();
  const showError = useUiStore((state) => state.showError);
  const [busy, setBusy] = useState(false);

  async function exportRepository() {
    setBusy(true);
    try {
      // Loaded on demand: the ONNX reader is only needed here, not on every page load.
      const { buildTritonRepository, tritonModelName } = await import('../../workers/engine/packaging/tritonRepository');
      const { bytes } = await exportModelPackage(await openSpotcheckDb(), version.id);
      const name = tritonModelName(projectName, version.version);
      const repository = buildTritonRepository(bytes, name);
      downloadFile(`${name}-triton.zip`, new Blob([repository as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <button type="button" className="button-quiet" onClick={exportRepository} disabled={busy} title={t('models:exportServer.hint')}>
      {t('models:exportServer.action')}
    </button>
  );
}
