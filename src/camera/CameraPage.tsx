// The station's live camera (issue 7): pick the model, camera, resolution and region of interest,
// start the model and the inspection, watch the verdict with the mask overlay, capture frames into a
// dataset, go full screen. Detection runs in the worker through CameraInspector (useCameraInspection);
// failures show a message with the matching recovery and keep every event already written.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUiStore } from '../app/uiStore';
import { useCurrentProject } from '../app/ProjectLayout';
import { useStoredData } from '../app/useStoredData';
import type { AnomalyLabel } from '../domain/types';
import { startModelAndWait, useModelDescription, useProjectModels } from '../runtime/modelHosting';
import { useCameraStream } from '../runtime/useCameraStream';
import { listAnomalyLabels } from '../storage/labels';
import { beep, vibrate } from './anomalyAlerts';
import { CameraSetupBar, cameraResolutions, defaultResolutionIndex } from './CameraSetupBar';
import { CaptureControls } from './CaptureControls';
import { grabRegionPng } from './frameGrab';
import { InspectionActions } from './InspectionActions';
import { InspectionProblems } from './InspectionProblems';
import { drawInspectionOverlay, drawRegionOutline } from './maskOverlay';
import { RegionControls } from './RegionControls';
import { defaultRegionSettings, inspectedPart, regionOfInterest, type RegionSettings } from './regionOfInterest';
import { useCameraInspection } from './useCameraInspection';
import { useStationDisplay } from './useStationDisplay';
import { VerdictPanel } from './VerdictPanel';
import './camera.css';

const noLabels: readonly AnomalyLabel[] = [];

export function CameraPage() {
  const { t } = useTranslation();
  const project = useCurrentProject();
  const showError = useUiStore((state) => state.showError);
  const models = useProjectModels(project.id);
  const storedLabels = useStoredData(['anomalyLabels'], (db) => listAnomalyLabels(db, project.id), [project.id]);
  const labels: readonly AnomalyLabel[] = storedLabels.status === 'ready' ? storedLabels.data : noLabels;
  const labelsRef = useRef(labels);
  labelsRef.current = labels;
  const [chosenComponent, setChosenComponent] = useState<string | null>(null);
  const modelList = models.status === 'ready' ? models.data : [];
  const model =
    modelList.find((item) => item.modelComponent === chosenComponent) ?? modelList.find((item) => item.version.status === 'HOSTED') ?? modelList[0] ?? null;
  const { description, refresh: refreshModel, setDescription } = useModelDescription(model?.modelComponent ?? null);
  const [startingModel, setStartingModel] = useState(false);

  const [deviceId, setDeviceId] = useState<string | undefined>(undefined);
  const [resolutionIndex, setResolutionIndex] = useState(defaultResolutionIndex);
  const { videoRef, state: camera, devices, restart: restartCamera } = useCameraStream({ deviceId, resolution: cameraResolutions[resolutionIndex] });
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const stationRef = useRef<HTMLElement>(null);
  const [regionSettings, setRegionSettings] = useState<RegionSettings>(defaultRegionSettings);
  const { hidden, fullScreen, toggleFullScreen } = useStationDisplay(stationRef, showError);
  const [sound, setSound] = useState(false);
  const [vibration, setVibration] = useState(false);

  const liveCamera = camera.status === 'live' || camera.status === 'interrupted' ? camera.camera : null;
  const cameraWidth = liveCamera?.width;
  const cameraHeight = liveCamera?.height;
  const projectSize = project.imageSize;
  const projectWidth = projectSize?.width;
  const projectHeight = projectSize?.height;
  // The project's region of interest, outlined inside the camera region while idle (the model crops it itself).
  const projectRegion = project.region;
  const region = useMemo(
    () =>
      cameraWidth && cameraHeight && projectWidth && projectHeight
        ? regionOfInterest({ width: cameraWidth, height: cameraHeight }, { width: projectWidth, height: projectHeight }, regionSettings)
        : null,
    [cameraWidth, cameraHeight, projectWidth, projectHeight, regionSettings],
  );
  const regionRef = useRef(region);
  regionRef.current = region;

  const modelRunning = description?.status === 'RUNNING';
  const canInspect = Boolean(model && modelRunning && liveCamera && region && projectSize);
  // Hidden tab, locked screen or muted camera: no detections until it comes back.
  const paused = hidden || camera.status === 'interrupted';
  const inspection = useCameraInspection({
    setup:
      canInspect && model && projectSize
        ? { projectId: project.id, projectSize, modelComponent: model.modelComponent, modelVersion: model.version.version }
        : null,
    videoRef,
    overlayRef,
    regionRef,
    labelsRef,
    paused,
    onAnomaly: () => {
      if (sound) beep();
      if (vibration) vibrate();
    },
    onModelLost: refreshModel,
  });
  const { inspecting } = inspection;

  // The overlay matches the video's pixels; when idle it shows the region outline for framing.
  useEffect(() => {
    const overlay = overlayRef.current;
    if (!overlay || !cameraWidth || !cameraHeight || !region) return;
    overlay.width = cameraWidth;
    overlay.height = cameraHeight;
    if (inspecting) return;
    drawInspectionOverlay(overlay, region);
    if (projectRegion && projectWidth && projectHeight)
      drawRegionOutline(overlay.getContext('2d')!, inspectedPart(region, { width: projectWidth, height: projectHeight }, projectRegion));
  }, [cameraWidth, cameraHeight, region, inspecting, projectRegion, projectWidth, projectHeight]);

  async function startModel() {
    if (!model) return;
    setStartingModel(true);
    try {
      setDescription(await startModelAndWait(model.modelComponent));
    } catch (error) {
      showError(error);
      refreshModel();
    } finally {
      setStartingModel(false);
    }
  }

  async function recover() {
    const reason = inspection.stopped?.reason;
    inspection.dismissStop();
    if (reason === 'frameUnreadable') restartCamera();
    else if (reason === 'modelStopped' || reason === 'modelFailed') await startModel();
  }

  return (
    <section ref={stationRef} className={fullScreen ? 'camera-station camera-kiosk' : 'camera-station'} data-testid="camera-station">
      {models.status === 'ready' && modelList.length === 0 && (
        <p className="hint" data-testid="camera-no-model">
          {t('camera:noModel')} <Link to="../models">{t('camera:openModels')}</Link>
        </p>
      )}
      <CameraSetupBar
        models={modelList}
        model={model}
        onModelChange={setChosenComponent}
        description={description}
        startingModel={startingModel}
        onStartModel={startModel}
        devices={devices}
        deviceId={deviceId ?? liveCamera?.deviceId ?? ''}
        onDeviceChange={setDeviceId}
        resolutionIndex={resolutionIndex}
        onResolutionChange={setResolutionIndex}
        locked={inspecting}
      />
      <InspectionProblems
        cameraError={camera.status === 'failed' ? camera.error : null}
        onRetryCamera={restartCamera}
        stopped={inspection.stopped}
        onRecover={recover}
      />
      {!projectSize && <p className="hint">{t('camera:noProjectSize')}</p>}

      {/* Above the picture: visible without scrolling, and with the picture all that kiosk mode shows. */}
      <div className="camera-controls">
        <InspectionActions
          inspecting={inspecting}
          canInspect={canInspect}
          onStart={inspection.start}
          onStop={inspection.stop}
          fullScreen={fullScreen}
          onToggleFullScreen={toggleFullScreen}
          sound={sound}
          onSoundChange={setSound}
          vibration={vibration}
          onVibrationChange={setVibration}
        />
        <CaptureControls
          projectId={project.id}
          projectSize={projectSize}
          modelVersionId={model?.version.id ?? null}
          disabled={!liveCamera || !region || !projectSize}
          grab={() => grabRegionPng(videoRef.current!, regionRef.current!, projectSize!)}
        />
      </div>

      <div className="camera-layout">
        <div className="camera-view" style={liveCamera ? { aspectRatio: `${liveCamera.width} / ${liveCamera.height}` } : undefined}>
          <video ref={videoRef} className="camera-video" muted playsInline data-testid="camera-video" />
          <canvas ref={overlayRef} className="camera-overlay" data-testid="camera-overlay" />
          {inspecting && paused && <p className="camera-paused">{t('camera:paused')}</p>}
        </div>
        <VerdictPanel readout={inspection.readout} labels={labels} />
      </div>

      {!inspecting && <RegionControls value={regionSettings} onChange={setRegionSettings} />}
    </section>
  );
}
