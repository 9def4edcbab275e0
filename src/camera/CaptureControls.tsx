// "Capture": stores the region of interest (at the project size, as the model sees it) in one of the
// project's datasets, classified as the operator says, through the datasets' capture path; or, with
// a model chosen, into a new trial job to verify later.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStoredData } from '../app/useStoredData';
import { MaskNeededNotice } from '../app/MaskNeededNotice';
import { useUiStore } from '../app/uiStore';
import { importCapturedFrame } from '../runtime/importCapturedFrame';
import type { ImageClass, ImageSize } from '../domain/types';
import { openSpotcheckDb } from '../storage/db';
import { listDatasets } from '../storage/datasets';
import { captureToTrialJob } from './captureToTrialJob';

interface CaptureControlsProps {
  projectId: string;
  projectSize: ImageSize | null;
  /** The camera's model version; null hides the trial job capture. */
  modelVersionId: string | null;
  disabled: boolean;
  grab(): Promise<Blob>;
}

export function CaptureControls({ projectId, projectSize, modelVersionId, disabled, grab }: CaptureControlsProps) {
  const { t } = useTranslation();
  const { showError, showInfo } = useUiStore();
  const datasets = useStoredData(['datasets'], (db) => listDatasets(db, projectId), [projectId]);
  const [datasetId, setDatasetId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [unmaskedEntryId, setUnmaskedEntryId] = useState<string | null>(null);
  if (datasets.status !== 'ready') return null;
  if (datasets.data.length === 0) return <p className="hint">{t('camera:capture.noDataset')}</p>;
  const target = datasets.data.find((dataset) => dataset.id === datasetId) ?? datasets.data.find((dataset) => dataset.type === 'train') ?? datasets.data[0]!;

  async function withBusy(work: () => Promise<string>) {
    setBusy(true);
    try {
      showInfo(await work());
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  }

  const capture = (classification: ImageClass) =>
    withBusy(async () => {
      const captured = await importCapturedFrame(target, await grab(), classification);
      setUnmaskedEntryId(captured.needsMask ? captured.entryId : null);
      return t('camera:capture.saved', { classification: t(`camera:capture.class.${classification}`), dataset: t(`datasets.phrase.${target.type}`) });
    });

  const captureToTrial = (versionId: string, size: ImageSize) =>
    withBusy(async () => {
      const job = await captureToTrialJob(await openSpotcheckDb(), { projectId, projectSize: size, modelVersionId: versionId, frame: await grab() });
      return t('camera:capture.trialCreated', { name: job.name });
    });

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
      {modelVersionId && projectSize && (
        <button type="button" className="button-secondary" disabled={disabled || busy} onClick={() => captureToTrial(modelVersionId, projectSize)}>
          {t('camera:capture.toTrial')}
        </button>
      )}
      {unmaskedEntryId && <MaskNeededNotice projectId={projectId} entryId={unmaskedEntryId} />}
    </div>
  );
}
