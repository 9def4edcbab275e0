// The inspection loop's lifetime on the camera page: a CameraInspector runs while inspection is on and
// everything it needs is there; it is rebuilt when any of that changes (project, project image size,
// model component or version), paused while the page is hidden or the camera muted, and its last events
// are stored when it ends. A stop reported by the inspector ends the inspection with its reason.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useUiStore } from '../app/uiStore';
import type { AnomalyLabel, ImageSize } from '../domain/types';
import { openSpotcheckDb } from '../storage/db';
import { CameraInspector, type InspectionReadout, type InspectionStop } from './cameraInspector';
import type { Region } from './regionOfInterest';

/** What one inspection run is about; null while something is missing (model not running, no camera or region). */
export interface InspectionSetup {
  projectId: string;
  projectSize: ImageSize;
  modelComponent: string;
  modelVersion: number;
}

interface CameraInspectionOptions {
  setup: InspectionSetup | null;
  videoRef: RefObject<HTMLVideoElement | null>;
  overlayRef: RefObject<HTMLCanvasElement | null>;
  /** Read on every frame, so moving the region does not restart the loop. */
  regionRef: RefObject<Region | null>;
  /** The project's current labels, read on every frame: a renamed or recoloured label draws as it is now. */
  labelsRef: RefObject<readonly AnomalyLabel[]>;
  paused: boolean;
  onAnomaly(): void;
  /** The model stopped or failed under the loop (its status is worth re-reading). */
  onModelLost(): void;
}

export function useCameraInspection({ setup, videoRef, overlayRef, regionRef, labelsRef, paused, onAnomaly, onModelLost }: CameraInspectionOptions) {
  const showError = useUiStore((state) => state.showError);
  const [inspecting, setInspecting] = useState(false);
  const [readout, setReadout] = useState<InspectionReadout | null>(null);
  const [stopped, setStopped] = useState<InspectionStop | null>(null);
  const inspectorRef = useRef<CameraInspector | null>(null);
  // The latest callbacks, so that a re-render with new ones does not restart the loop.
  const callbacks = useRef({ onAnomaly, onModelLost });
  callbacks.current = { onAnomaly, onModelLost };

  const projectId = setup?.projectId;
  const projectWidth = setup?.projectSize.width;
  const projectHeight = setup?.projectSize.height;
  const modelComponent = setup?.modelComponent;
  const modelVersion = setup?.modelVersion;

  useEffect(() => {
    const video = videoRef.current;
    const overlay = overlayRef.current;
    if (!inspecting || projectId === undefined || projectWidth === undefined || projectHeight === undefined) return;
    if (modelComponent === undefined || modelVersion === undefined || !video || !overlay) return;
    let inspector: CameraInspector | null = null;
    let cancelled = false;
    void openSpotcheckDb().then((db) => {
      if (cancelled) return;
      inspector = new CameraInspector({
        db,
        video,
        overlay,
        projectId,
        projectSize: { width: projectWidth, height: projectHeight },
        modelComponent,
        modelVersion,
        region: () => regionRef.current!,
        labels: () => labelsRef.current,
        onReadout: setReadout,
        onAnomaly: () => callbacks.current.onAnomaly(),
        onStop: (stop) => {
          setStopped(stop);
          setInspecting(false);
          if (stop.reason === 'modelStopped' || stop.reason === 'modelFailed') callbacks.current.onModelLost();
        },
      });
      inspectorRef.current = inspector;
      inspector.start();
    }, showError);
    return () => {
      cancelled = true;
      inspector?.stop();
      inspectorRef.current = null;
    };
  }, [inspecting, projectId, projectWidth, projectHeight, modelComponent, modelVersion, videoRef, overlayRef, regionRef, labelsRef, showError]);

  // Hidden tab, locked screen or muted camera: no detections until it comes back.
  useEffect(() => {
    if (paused) inspectorRef.current?.pause();
    else inspectorRef.current?.resume();
  }, [paused, inspecting]);

  return {
    inspecting,
    readout,
    /** Why the last inspection ended on its own; null after a start or a dismissal. */
    stopped,
    start() {
      setStopped(null);
      setReadout(null);
      setInspecting(true);
    },
    stop: () => setInspecting(false),
    dismissStop: () => setStopped(null),
  };
}
