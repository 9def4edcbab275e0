// Photographing parts straight into a dataset: capture a frame, say whether it is normal or an
// anomaly, and it is imported like any other image (cropped to the project size when needed).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MaskNeededNotice } from '../../app/MaskNeededNotice';
import { useUiStore } from '../../app/uiStore';
import { captureFrame, useCameraStream } from '../../runtime/useCameraStream';
import type { Dataset, ImageClass } from '../../domain/types';
import { describeError } from '../../i18n';
import { importCapturedFrame } from '../../runtime/importCapturedFrame';

function CameraView({ dataset, onClose }: { dataset: Dataset; onClose: () => void }) {
  const { t } = useTranslation();
  const { showError, showInfo } = useUiStore();
  const { videoRef, state } = useCameraStream();
  const [busy, setBusy] = useState(false);
  const [unmaskedEntryId, setUnmaskedEntryId] = useState<string | null>(null);

  async function capture(classification: ImageClass) {
    const video = videoRef.current;
    if (!video) return;
    setBusy(true);
    try {
      const captured = await importCapturedFrame(dataset, await captureFrame(video), classification);
      setUnmaskedEntryId(captured.needsMask ? captured.entryId : null);
      showInfo(t('capture.saved', { classification: t(`capture.class.${classification}`) }));
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="camera-capture" data-testid="camera-capture">
      {state.status === 'failed' ? (
        <p role="alert" className="field-problem">
          {describeError(state.error)}
        </p>
      ) : (
        <video ref={videoRef} className="camera-preview" muted playsInline />
      )}
      <div className="toolbar">
        <button type="button" disabled={state.status !== 'live' || busy} onClick={() => capture('normal')}>
          {t('capture.asNormal')}
        </button>
        <button type="button" className="button-danger" disabled={state.status !== 'live' || busy} onClick={() => capture('anomaly')}>
          {t('capture.asAnomaly')}
        </button>
        <button type="button" className="button-quiet" onClick={onClose}>
          {t('capture.close')}
        </button>
      </div>
      {unmaskedEntryId && <MaskNeededNotice projectId={dataset.projectId} entryId={unmaskedEntryId} />}
    </div>
  );
}

export function CameraCapture({ dataset }: { dataset: Dataset }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" className="button-secondary" onClick={() => setOpen(true)}>
        {t('capture.open')}
      </button>
    );
  }
  return <CameraView dataset={dataset} onClose={() => setOpen(false)} />;
}
