// The station's live camera (issue 7): pick the model, camera, resolution and region of interest,
// start the model and the inspection, watch the verdict with the mask overlay, capture frames into a
// dataset, go full screen. Detection runs in the worker through CameraInspector; failures show a
// message with the matching recovery and keep every event already written.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUiStore } from '../app/uiStore';
import { useStoredData } from '../app/useStoredData';
import type { AnomalyLabel } from '../domain/types';
import { describeError } from '../i18n';
import { useCurrentProject } from '../projects/ProjectLayout';
import { openSpotcheckDb } from '../storage/db';
import { listAnomalyLabels } from '../storage/labels';
import { beep, unlockSound, vibrate } from './anomalyAlerts';
import { CameraInspector, type InspectionReadout, type InspectionStop } from './cameraInspector';
import { CaptureControls } from './CaptureControls';
import { grabRegionPng } from './frameGrab';
import { drawInspectionOverlay } from './maskOverlay';
import { startModelAndWait, useModelDescription, useProjectModels } from './modelHosting';
import { RegionControls } from './RegionControls';
import { defaultRegionSettings, regionOfInterest, type RegionSettings } from './regionOfInterest';
import { useCameraStream } from './useCameraStream';
import { VerdictPanel } from './VerdictPanel';
import './camera.css';

const resolutions = [
  { width: 640, height: 480 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;
const defaultResolutionIndex = 1;
const noLabels: readonly AnomalyLabel[] = [];

function stopMessage(stop: InspectionStop, t: (key: string, options?: Record<string, unknown>) => string): string {
  switch (stop.reason) {
    case 'modelStopped':
      return t('camera:problem.modelStopped', { detail: stop.detail });
    case 'modelFailed':
      return t('camera:problem.modelFailed', { detail: stop.detail });
    case 'frameUnreadable':
      return t('camera:problem.frameUnreadable');
    default:
      return describeError(stop.error);
  }
}

export function CameraPage() {
  const { t } = useTranslation();
  const project = useCurrentProject();
  const showError = useUiStore((state) => state.showError);
  const dataChanged = useUiStore((state) => state.dataChanged);
  const models = useProjectModels(project.id);
  const storedLabels = useStoredData((db) => listAnomalyLabels(db, project.id), [project.id]);
  const labels: readonly AnomalyLabel[] = storedLabels.status === 'ready' ? storedLabels.data : noLabels;
  const labelsRef = useRef(labels);
  labelsRef.current = labels;
  const [chosenComponent, setChosenComponent] = useState<string | null>(null);
  const modelList = models.status === 'ready' ? models.data : [];
  const model = modelList.find((item) => item.modelComponent === chosenComponent) ?? modelList.find((item) => item.version.status === 'HOSTED') ?? modelList[0] ?? null;
  const { description, refresh: refreshModel, setDescription } = useModelDescription(model?.modelComponent ?? null);
  const [startingModel, setStartingModel] = useState(false);

  const [deviceId, setDeviceId] = useState<string | undefined>(undefined);
  const [resolutionIndex, setResolutionIndex] = useState(defaultResolutionIndex);
  const { videoRef, state: camera, devices, restart: restartCamera } = useCameraStream({ deviceId, resolution: resolutions[resolutionIndex] });
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const stationRef = useRef<HTMLElement>(null);
  const [regionSettings, setRegionSettings] = useState<RegionSettings>(defaultRegionSettings);

  const [inspecting, setInspecting] = useState(false);
  const [readout, setReadout] = useState<InspectionReadout | null>(null);
  const [stopped, setStopped] = useState<InspectionStop | null>(null);
  const [hidden, setHidden] = useState(document.hidden);
  const [sound, setSound] = useState(false);
  const [vibration, setVibration] = useState(false);
  const [fullScreen, setFullScreen] = useState(false);
  const alerts = useRef({ sound, vibration });
  alerts.current = { sound, vibration };

  const liveCamera = camera.status === 'live' || camera.status === 'interrupted' ? camera.camera : null;
  const projectSize = project.imageSize;
  const region = useMemo(
    () => (liveCamera && projectSize ? regionOfInterest(liveCamera, projectSize, regionSettings) : null),
    [liveCamera?.width, liveCamera?.height, projectSize?.width, projectSize?.height, regionSettings],
  );
  const regionRef = useRef(region);
  regionRef.current = region;

  // The overlay matches the video's pixels; when idle it shows the region outline for framing.
  useEffect(() => {
    const overlay = overlayRef.current;
    if (!overlay || !liveCamera || !region) return;
    overlay.width = liveCamera.width;
    overlay.height = liveCamera.height;
    if (!inspecting) drawInspectionOverlay(overlay, region);
  }, [liveCamera?.width, liveCamera?.height, region, inspecting]);

  useEffect(() => {
    const onVisibility = () => setHidden(document.hidden);
    const onFullScreen = () => setFullScreen(document.fullscreenElement === stationRef.current);
    document.addEventListener('visibilitychange', onVisibility);
    document.addEventListener('fullscreenchange', onFullScreen);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      document.removeEventListener('fullscreenchange', onFullScreen);
    };
  }, []);

  const modelRunning = description?.status === 'RUNNING';
  const canInspect = Boolean(model && modelRunning && liveCamera && region && projectSize);
  const inspectorRef = useRef<CameraInspector | null>(null);

  useEffect(() => {
    const video = videoRef.current;
    const overlay = overlayRef.current;
    if (!inspecting || !canInspect || !model || !video || !overlay || !projectSize) return;
    let inspector: CameraInspector | null = null;
    let cancelled = false;
    void openSpotcheckDb().then((db) => {
      if (cancelled) return;
      inspector = new CameraInspector({
        db,
        video,
        overlay,
        projectId: project.id,
        projectSize,
        modelComponent: model.modelComponent,
        modelVersion: model.version.version,
        region: () => regionRef.current!,
        labels: () => labelsRef.current,
        onReadout: setReadout,
        onAnomaly: () => {
          if (alerts.current.sound) beep();
          if (alerts.current.vibration) vibrate();
        },
        onStop: (stop) => {
          setStopped(stop);
          setInspecting(false);
          if (stop.reason === 'modelStopped' || stop.reason === 'modelFailed') refreshModel();
        },
      });
      inspectorRef.current = inspector;
      inspector.start();
    }, showError);
    return () => {
      cancelled = true;
      inspector?.stop();
      inspectorRef.current = null;
      // The dashboard and other tabs see the new events once they are stored.
      void inspector?.flush().then(dataChanged);
    };
  }, [inspecting, canInspect, model?.modelComponent, project.id]);

  // Hidden tab, locked screen or muted camera: no detections until it comes back.
  const paused = hidden || camera.status === 'interrupted';
  useEffect(() => {
    if (paused) inspectorRef.current?.pause();
    else inspectorRef.current?.resume();
  }, [paused, inspecting]);

  async function startModel() {
    if (!model) return;
    setStartingModel(true);
    try {
      setDescription(await startModelAndWait(model.modelComponent));
      dataChanged();
    } catch (error) {
      showError(error);
      refreshModel();
    } finally {
      setStartingModel(false);
    }
  }

  function startInspection() {
    setStopped(null);
    setReadout(null);
    setInspecting(true);
  }

  async function recover() {
    const reason = stopped?.reason;
    setStopped(null);
    if (reason === 'frameUnreadable') restartCamera();
    else if (reason === 'modelStopped' || reason === 'modelFailed') await startModel();
  }

  function toggleFullScreen() {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void stationRef.current?.requestFullscreen().catch(showError);
  }

  return (
    <section ref={stationRef} className={fullScreen ? 'camera-station camera-kiosk' : 'camera-station'} data-testid="camera-station">
      {models.status === 'ready' && modelList.length === 0 && (
        <p className="hint" data-testid="camera-no-model">
          {t('camera:noModel')} <Link to="../models">{t('camera:openModels')}</Link>
        </p>
      )}
      <div className="toolbar camera-setup">
        {model && (
          <>
            <label>
              <span>{t('camera:model')}</span>
              <select value={model.modelComponent} disabled={inspecting} onChange={(event) => setChosenComponent(event.target.value)}>
                {modelList.map((item) => (
                  <option key={item.modelComponent} value={item.modelComponent}>
                    {t('camera:modelOption', { version: item.version.version })}
                  </option>
                ))}
              </select>
            </label>
            <span className="camera-model-status" data-testid="camera-model-status" data-status={description?.status ?? 'UNKNOWN'}>
              {description ? t(`camera:modelStatus.${description.status}`) : t('common.loading')}
            </span>
          </>
        )}
        {description && !modelRunning && (description.status === 'STOPPED' || description.status === 'FAILED') && (
          <button type="button" onClick={startModel} disabled={startingModel}>
            {startingModel ? t('camera:startingModel') : t('camera:startModel')}
          </button>
        )}
        {devices.length > 1 && (
          <label>
            <span>{t('camera:camera')}</span>
            <select value={deviceId ?? liveCamera?.deviceId ?? ''} disabled={inspecting} onChange={(event) => setDeviceId(event.target.value)}>
              {devices.map((device, index) => (
                <option key={device.deviceId} value={device.deviceId}>
                  {device.label || t('camera:cameraNumber', { number: index + 1 })}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          <span>{t('camera:resolution')}</span>
          <select value={resolutionIndex} disabled={inspecting} onChange={(event) => setResolutionIndex(Number(event.target.value))}>
            {resolutions.map((size, index) => (
              <option key={index} value={index}>
                {t('camera:size', size)}
              </option>
            ))}
          </select>
        </label>
      </div>

      {camera.status === 'failed' && (
        <div role="alert" className="camera-problem" data-testid="camera-problem">
          <p>{describeError(camera.error)}</p>
          <button type="button" onClick={restartCamera}>
            {t('camera:retryCamera')}
          </button>
        </div>
      )}
      {stopped && (
        <div role="alert" className="camera-problem" data-testid="inspection-problem">
          <p>{stopMessage(stopped, t)}</p>
          {stopped.reason !== 'error' && (
            <button type="button" onClick={recover}>
              {stopped.reason === 'frameUnreadable' ? t('camera:restartCamera') : t('camera:restartModel')}
            </button>
          )}
        </div>
      )}
      {!projectSize && <p className="hint">{t('camera:noProjectSize')}</p>}

      <div className="camera-layout">
        <div className="camera-view" style={liveCamera ? { aspectRatio: `${liveCamera.width} / ${liveCamera.height}` } : undefined}>
          <video ref={videoRef} className="camera-video" muted playsInline data-testid="camera-video" />
          <canvas ref={overlayRef} className="camera-overlay" data-testid="camera-overlay" />
          {inspecting && paused && <p className="camera-paused">{t('camera:paused')}</p>}
        </div>
        <VerdictPanel readout={readout} labels={labels} />
      </div>

      <div className="toolbar camera-actions">
        {inspecting ? (
          <button type="button" className="button-large" onClick={() => setInspecting(false)}>
            {t('camera:stop')}
          </button>
        ) : (
          <button type="button" className="button-large" disabled={!canInspect} onClick={startInspection}>
            {t('camera:start')}
          </button>
        )}
        <button type="button" className="button-secondary" onClick={toggleFullScreen}>
          {fullScreen ? t('camera:exitKiosk') : t('camera:kiosk')}
        </button>
        <label>
          <input
            type="checkbox"
            checked={sound}
            onChange={(event) => {
              if (event.target.checked) unlockSound();
              setSound(event.target.checked);
            }}
          />{' '}
          {t('camera:sound')}
        </label>
        <label>
          <input type="checkbox" checked={vibration} onChange={(event) => setVibration(event.target.checked)} /> {t('camera:vibration')}
        </label>
      </div>
      <CaptureControls
        projectId={project.id}
        projectSize={projectSize}
        modelVersionId={model?.version.id ?? null}
        disabled={!liveCamera || !region || !projectSize}
        grab={() => grabRegionPng(videoRef.current!, regionRef.current!, projectSize!)}
      />
      {!inspecting && <RegionControls value={regionSettings} onChange={setRegionSettings} />}
    </section>
  );
}
