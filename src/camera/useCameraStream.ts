// The device camera as a MediaStream for a <video>: asks for the rear camera (a tablet at a
// station), stops the tracks when the view goes away, and turns failures into messages.
import { useEffect, useRef, useState } from 'react';
import { UserFacingError } from '../domain/errors';

export type CameraState = { status: 'starting' } | { status: 'live' } | { status: 'failed'; error: UserFacingError };

function cameraError(error: unknown): UserFacingError {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return new UserFacingError('camera.denied');
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return new UserFacingError('camera.none');
  if (name === 'NotReadableError') return new UserFacingError('camera.busy');
  return new UserFacingError('camera.failed', { detail: error instanceof Error ? error.message : String(error) });
}

export function useCameraStream() {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CameraState>({ status: 'starting' });

  useEffect(() => {
    let stream: MediaStream | null = null;
    let cancelled = false;
    const mediaDevices = navigator.mediaDevices as MediaDevices | undefined;
    if (!mediaDevices?.getUserMedia) {
      setState({ status: 'failed', error: new UserFacingError('camera.none') });
      return;
    }
    mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false }).then(
      async (started) => {
        if (cancelled) return started.getTracks().forEach((track) => track.stop());
        stream = started;
        const video = videoRef.current;
        if (video) {
          video.srcObject = started;
          await video.play().catch(() => undefined);
        }
        setState({ status: 'live' });
      },
      (error: unknown) => !cancelled && setState({ status: 'failed', error: cameraError(error) }),
    );
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  return { videoRef, state };
}

/** The current video frame as a JPEG. */
export function captureFrame(video: HTMLVideoElement, jpegQuality = 0.92): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d')!.drawImage(video, 0, 0);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new UserFacingError('camera.frameUnreadable'))), 'image/jpeg', jpegQuality));
}
