// The bench page's camera figure: the app's own CameraInspector on Chromium's fake camera (640×480,
// --use-fake-device-for-media-stream), the region of interest at the project size sent to the detection
// worker frame after frame; verdicts per second and frame grab to verdict, after a few untimed ones.
import { CameraInspector, type InspectionReadout } from '../../../src/camera/cameraInspector';
import { defaultRegionSettings, regionOfInterest } from '../../../src/camera/regionOfInterest';
import type { ImageSize } from '../../../src/domain/types';
import type { SpotcheckDatabase } from '../../../src/storage/schema';

const cameraSize = { width: 640, height: 480 };
const untimedVerdicts = 3;
const timedVerdicts = 30;

export interface CameraLoopSetup {
  db: SpotcheckDatabase;
  projectId: string;
  projectSize: ImageSize;
  modelComponent: string;
  modelVersion: number;
}

/** Undefined where the browser offers no camera. */
export async function measureCameraLoop(setup: CameraLoopSetup): Promise<{ fps: number; frameToVerdictMs: number[] } | undefined> {
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { width: cameraSize.width, height: cameraSize.height } });
  } catch {
    return undefined;
  }
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = stream;
  document.body.append(video);
  await video.play();
  const overlay = Object.assign(document.createElement('canvas'), { width: video.videoWidth, height: video.videoHeight });
  const region = regionOfInterest({ width: video.videoWidth, height: video.videoHeight }, setup.projectSize, defaultRegionSettings);
  const frameToVerdictMs: number[] = [];
  let timingStartedMs = 0;
  let inspector: CameraInspector | null = null;
  try {
    const elapsedMs = await new Promise<number>((resolve, reject) => {
      const onReadout = ({ detections, roundTripMs }: InspectionReadout) => {
        if (detections === untimedVerdicts) timingStartedMs = performance.now();
        if (detections <= untimedVerdicts) return;
        frameToVerdictMs.push(roundTripMs!);
        if (frameToVerdictMs.length === timedVerdicts) resolve(performance.now() - timingStartedMs);
      };
      inspector = new CameraInspector({
        ...setup,
        video,
        overlay,
        region: () => region,
        labels: () => [],
        onReadout,
        onAnomaly: () => undefined,
        onStop: (stop) => reject(new Error(`the camera loop stopped: ${stop.reason}`)),
      });
      inspector.start();
    });
    return { fps: (timedVerdicts * 1000) / elapsedMs, frameToVerdictMs };
  } finally {
    (inspector as CameraInspector | null)?.stop();
    await (inspector as CameraInspector | null)?.flush();
    stream.getTracks().forEach((track) => track.stop());
    video.remove();
  }
}
