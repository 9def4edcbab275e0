// The device camera as a MediaStream for a <video>: the rear camera by default (a tablet at a
// station) or a chosen one, at a requested resolution; lists the cameras; stops the tracks when the
// view goes away or the stream is switched off; notices a camera that disappears mid-stream; and
// turns failures into messages. `restart` tries again after a failure. Used by the live camera and the
// dataset capture (moved from camera/).
import { useCallback, useEffect, useRef, useState } from 'react';
import { UserFacingError } from '../domain/errors';

export interface CameraOptions {
  /** A camera from `devices`; the rear camera (facingMode environment) when absent. */
  deviceId?: string;
  /** Asked for as "ideal": the camera may give the nearest size it has. */
  resolution?: { width: number; height: number };
  /** False releases the camera (stop button); true by default. */
  enabled?: boolean;
}

export interface LiveCamera {
  width: number;
  height: number;
  deviceId: string;
  label: string;
}

export type CameraState =
  | { status: 'starting' }
  | { status: 'off' }
  | { status: 'live'; camera: LiveCamera }
  /** The track is muted: the screen locked or the system took the camera for a while. */
  | { status: 'interrupted'; camera: LiveCamera }
  | { status: 'failed'; error: UserFacingError };

function cameraError(error: unknown): UserFacingError {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return new UserFacingError('camera.denied');
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return new UserFacingError('camera.none');
  if (name === 'NotReadableError') return new UserFacingError('camera.busy');
  return new UserFacingError('camera.failed', { detail: error instanceof Error ? error.message : String(error) });
}

function videoConstraints({ deviceId, resolution }: CameraOptions): MediaTrackConstraints {
  return {
    ...(deviceId ? { deviceId: { exact: deviceId } } : { facingMode: { ideal: 'environment' } }),
    ...(resolution ? { width: { ideal: resolution.width }, height: { ideal: resolution.height } } : {}),
  };
}

function describeTrack(track: MediaStreamTrack, video: HTMLVideoElement | null): LiveCamera {
  const settings = track.getSettings();
  return {
    width: video?.videoWidth || settings.width || 0,
    height: video?.videoHeight || settings.height || 0,
    deviceId: settings.deviceId ?? '',
    label: track.label,
  };
}

async function listCameras(): Promise<MediaDeviceInfo[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((device) => device.kind === 'videoinput');
}

export function useCameraStream(options: CameraOptions = {}) {
  const { deviceId, resolution, enabled = true } = options;
  // The effect restarts the stream when the size changes, not when the caller passes a new object.
  const resolutionWidth = resolution?.width;
  const resolutionHeight = resolution?.height;
  const videoRef = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CameraState>({ status: enabled ? 'starting' : 'off' });
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [attempt, setAttempt] = useState(0);
  const restart = useCallback(() => setAttempt((value) => value + 1), []);

  useEffect(() => {
    if (!enabled) {
      setState({ status: 'off' });
      return;
    }
    let stream: MediaStream | null = null;
    let attachedVideo: HTMLVideoElement | null = null;
    let cancelled = false;
    const mediaDevices = navigator.mediaDevices as MediaDevices | undefined;
    if (!mediaDevices?.getUserMedia) {
      setState({ status: 'failed', error: new UserFacingError('camera.none') });
      return;
    }
    setState({ status: 'starting' });
    const refreshDevices = () =>
      void listCameras().then(
        (found) => !cancelled && setDevices(found),
        () => undefined,
      );
    mediaDevices.addEventListener('devicechange', refreshDevices);
    const requested = resolutionWidth && resolutionHeight ? { width: resolutionWidth, height: resolutionHeight } : undefined;
    mediaDevices.getUserMedia({ video: videoConstraints({ deviceId, resolution: requested }), audio: false }).then(
      async (started) => {
        if (cancelled) return started.getTracks().forEach((track) => track.stop());
        stream = started;
        const track = started.getVideoTracks()[0]!;
        const video = videoRef.current;
        if (video) {
          attachedVideo = video;
          video.srcObject = started;
          await video.play().catch(() => undefined);
        }
        if (cancelled) return;
        const live = () => describeTrack(track, videoRef.current);
        // Unplugged, or revoked by the system: the stream will not come back by itself.
        track.addEventListener('ended', () => !cancelled && setState({ status: 'failed', error: new UserFacingError('camera.disconnected') }));
        track.addEventListener('mute', () => !cancelled && setState({ status: 'interrupted', camera: live() }));
        track.addEventListener('unmute', () => !cancelled && setState({ status: 'live', camera: live() }));
        setState({ status: 'live', camera: live() });
        refreshDevices();
      },
      (error: unknown) => !cancelled && setState({ status: 'failed', error: cameraError(error) }),
    );
    return () => {
      cancelled = true;
      mediaDevices.removeEventListener('devicechange', refreshDevices);
      stream?.getTracks().forEach((track) => track.stop());
      if (attachedVideo) attachedVideo.srcObject = null;
    };
  }, [enabled, deviceId, resolutionWidth, resolutionHeight, attempt]);

  return { videoRef, state, devices, restart };
}

/** The current video frame as a JPEG. */
export function captureFrame(video: HTMLVideoElement, jpegQuality = 0.92): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d')!.drawImage(video, 0, 0);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new UserFacingError('camera.frameUnreadable'))), 'image/jpeg', jpegQuality),
  );
}
