// "Capture": stores the region of interest (at the project size, as the model sees it) in one of the
// project's datasets, classified as the operator says, through the datasets' capture path.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStoredData } from '../app/useStoredData';
import { useUiStore } from '../app/uiStore';
import { importCapturedFrame } from '../datasets/capture/importCapturedFrame';
import type { ImageClass } from '../domain/types';
import { listDatasets } from '../storage/datasets';

export function CaptureControls({ projectId, disabled, grab }: { projectId: string; disabled: boolean; grab(): Promise<Blob> }) {
  const { t } = useTranslation();
  const { showError, showInfo, dataChanged } = useUiStore();
  const datasets = useStoredData((db) => listDatasets(db, projectId), [projectId]);
  const [datasetId, setDatasetId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (datasets.status !== 'ready') return null;
  if (datasets.data.length === 0) return <p className="hint">{t('camera:capture.noDataset')}</p>;
  const target = datasets.data.find((dataset) => dataset.id === datasetId) ?? datasets.data.find((dataset) => dataset.type === 'train') ?? datasets.data[0]!;

  async function capture(classification: ImageClass) {
    setBusy(true);
    try {
      await importCapturedFrame(target, await grab(), classification);
      dataChanged();
      showInfo(t('camera:capture.saved', { classification: t(`camera:capture.class.${classification}`), dataset: t(`datasets.type.${target.type}`) }));
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="toolbar capture-controls">
      {datasets.data.length > 1 && (
        <label>
          <span>{t('camera:capture.dataset')}</span>
          <select value={target.id} onChange={(event) => setDatasetId(event.target.value)}>
            {datasets.data.map((dataset) => (
              <option key={dataset.id} value={dataset.id}>
                {t(`datasets.type.${dataset.type}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="button" className="button-secondary" disabled={disabled || busy} onClick={() => capture('normal')}>
        {t('camera:capture.asNormal')}
      </button>
      <button type="button" className="button-secondary" disabled={disabled || busy} onClick={() => capture('anomaly')}>
        {t('camera:capture.asAnomaly')}
      </button>
    </div>
  );
}
