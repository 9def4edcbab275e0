// The live inspection loop: on each new video frame, unless a detection is still in flight (then the
// frame is dropped, so the page never queues work or blocks), the region of interest is cut out at
// the project size and sent to the detection worker; each answer updates the readout, draws the mask
// overlay and appends a detection event (an unreadable frame appends an invalid one). Failures either
// skip a frame or stop the loop with a reason the page turns into a message and a recovery action.
import { transfer } from '../../workers/bridge';
import type { DetectionOutput } from '../contracts/detectionWorkerApi';
import type { Prediction } from '../contracts/prediction';
import { detectionEventOf, invalidDetectionEventOf } from '../domain/detectionEvent';
import type { AnomalyLabel, DetectionEvent, ImageSize } from '../domain/types';
import { describeError } from '../i18n';
import { detect, type DetectionFailure } from '../runtime/detection';
import { appendDetectionEvent } from '../storage/detectionEvents';
import type { SpotcheckDatabase } from '../storage/schema';
import { grabRegion } from './frameGrab';
import { FrameRateMeter } from './frameRateMeter';
import { drawInspectionOverlay } from './maskOverlay';
import type { Region } from './regionOfInterest';

/** After this many unreadable frames in a row the camera is considered broken. */
const maxUnreadableFramesInARow = 10;

export interface InspectionReadout {
  prediction: Prediction | null;
  framesPerSecond: number;
  /** Conversion + inference in the worker, ms. */
  latencyMs: number | null;
  /** Frame grab to answer on the page, ms. */
  roundTripMs: number | null;
  detections: number;
  invalidFrames: number;
  droppedFrames: number;
  /** Labelled pixels of the mask now drawn (0 when none). */
  maskPixels: number;
}

/** Why the loop stopped on its own; the page offers the matching recovery. */
export type InspectionStop =
  { reason: 'modelStopped'; detail: string } | { reason: 'modelFailed'; detail: string } | { reason: 'frameUnreadable' } | { reason: 'error'; error: unknown };

export interface InspectorOptions {
  db: SpotcheckDatabase;
  video: HTMLVideoElement;
  overlay: HTMLCanvasElement;
  projectId: string;
  projectSize: ImageSize;
  modelComponent: string;
  modelVersion: number;
  /** Read for every frame, so moving the region applies at once. */
  region: () => Region;
  /** The project's labels now (read for every answer): the mask is drawn in their current colours. */
  labels: () => readonly AnomalyLabel[];
  onReadout(readout: InspectionReadout): void;
  onAnomaly(): void;
  onStop(stop: InspectionStop): void;
}

const emptyReadout: InspectionReadout = {
  prediction: null,
  framesPerSecond: 0,
  latencyMs: null,
  roundTripMs: null,
  detections: 0,
  invalidFrames: 0,
  droppedFrames: 0,
  maskPixels: 0,
};

export class CameraInspector {
  private running = false;
  private paused = false;
  private inFlight = false;
  private unreadableInARow = 0;
  private frameRequest: number | null = null;
  private readout: InspectionReadout = { ...emptyReadout };
  private readonly meter = new FrameRateMeter();
  /** Events are written one after the other, in detection order. */
  private recording: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: InspectorOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.paused = false;
    this.meter.reset();
    this.readout = { ...emptyReadout };
    this.requestFrame();
  }

  /** Stops for good (the page's Stop button); events already written stay. */
  stop(): void {
    this.running = false;
    this.cancelFrame();
  }

  /** Hidden tab, locked screen: no detections until `resume`. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.meter.reset();
  }

  /** Resolves once every event so far is stored. */
  flush(): Promise<unknown> {
    return this.recording;
  }

  private requestFrame(): void {
    if (!this.running) return;
    const { video } = this.options;
    // requestVideoFrameCallback fires once per new camera frame; rAF is the fallback.
    this.frameRequest =
      'requestVideoFrameCallback' in video ? video.requestVideoFrameCallback(() => this.onFrame()) : requestAnimationFrame(() => this.onFrame());
  }

  private cancelFrame(): void {
    if (this.frameRequest === null) return;
    const { video } = this.options;
    if ('cancelVideoFrameCallback' in video) video.cancelVideoFrameCallback(this.frameRequest);
    else cancelAnimationFrame(this.frameRequest);
    this.frameRequest = null;
  }

  private onFrame(): void {
    this.frameRequest = null;
    if (!this.running) return;
    if (this.inFlight) this.readout.droppedFrames += 1;
    else if (!this.paused) void this.inspect();
    this.requestFrame();
  }

  private async inspect(): Promise<void> {
    this.inFlight = true;
    const grabbedAt = performance.now();
    const region = this.options.region();
    const context = { projectId: this.options.projectId, modelVersion: this.options.modelVersion, source: 'camera' as const, timestampMs: Date.now() };
    try {
      let bitmap: ImageBitmap;
      try {
        bitmap = await grabRegion(this.options.video, region, this.options.projectSize);
      } catch (error) {
        this.unreadable(invalidDetectionEventOf(context, describeError(error)));
        return;
      }
      this.unreadableInARow = 0;
      const attempt = await detect(this.options.modelComponent, transfer(bitmap, [bitmap]), 'skip');
      if (attempt.kind !== 'detected') {
        this.detectionFailed(attempt, context);
        return;
      }
      const output = attempt.output;
      if (!this.running) return;
      this.show(output, region, performance.now() - grabbedAt);
      this.record(detectionEventOf(context, output.prediction, output.latencyMs));
    } finally {
      this.inFlight = false;
    }
  }

  private show({ prediction, latencyMs }: DetectionOutput, region: Region, roundTripMs: number): void {
    const now = performance.now();
    this.meter.record(now);
    const wasAnomalous = this.readout.prediction?.isAnomalous ?? false;
    const maskPixels = drawInspectionOverlay(this.options.overlay, region, prediction.labelMask, this.options.labels());
    this.readout = {
      ...this.readout,
      prediction,
      latencyMs,
      roundTripMs,
      detections: this.readout.detections + 1,
      framesPerSecond: this.meter.framesPerSecond(now),
      maskPixels,
    };
    this.options.onReadout({ ...this.readout });
    if (prediction.isAnomalous && !wasAnomalous) this.options.onAnomaly();
  }

  private unreadable(event: DetectionEvent): void {
    this.unreadableInARow += 1;
    this.readout = { ...this.readout, invalidFrames: this.readout.invalidFrames + 1 };
    this.options.onReadout({ ...this.readout });
    this.record(event);
    if (this.unreadableInARow >= maxUnreadableFramesInARow) this.halt({ reason: 'frameUnreadable' });
  }

  private detectionFailed(failure: DetectionFailure, context: Parameters<typeof invalidDetectionEventOf>[0]): void {
    switch (failure.kind) {
      case 'busy':
        this.readout.droppedFrames += 1;
        return;
      case 'refused':
        this.unreadable(invalidDetectionEventOf(context, failure.reason));
        return;
      case 'modelStopped':
        this.halt({ reason: 'modelStopped', detail: failure.detail });
        return;
      case 'modelFailed':
        this.halt({ reason: 'modelFailed', detail: failure.detail });
        return;
      default:
        this.halt({ reason: 'error', error: failure.error });
    }
  }

  private record(event: DetectionEvent): void {
    this.recording = this.recording.then(() => appendDetectionEvent(this.options.db, event)).catch((error: unknown) => this.halt({ reason: 'error', error }));
  }

  private halt(stop: InspectionStop): void {
    if (!this.running) return;
    this.stop();
    this.options.onStop(stop);
  }
}
