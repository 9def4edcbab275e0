// The live inspection loop, at the speed of the model: one detection in flight; while it runs the newest
// video frame is cut out (region of interest at the project size; a newer frame replaces it once its grab
// is done) and goes to the detection worker as soon as the answer is in, so the page never queues work.
// Each answer updates the readout, draws the mask overlay from the label indices and records a detection
// event (an unreadable frame an invalid one); events are written in batches, and at once when the page is
// hidden or left, so none is lost on a tab close. Failures either skip a frame or stop the loop with a
// reason the page turns into a message and a recovery action.
import { transfer } from '../../workers/bridge';
import type { DetectionOutput } from '../contracts/detectionWorkerApi';
import type { Prediction } from '../contracts/prediction';
import { detectionEventOf, invalidDetectionEventOf } from '../domain/detectionEvent';
import type { AnomalyLabel, DetectionEvent, ImageSize } from '../domain/types';
import { describeError } from '../i18n';
import { detect, type DetectionFailure } from '../runtime/detection';
import { appendDetectionEvents } from '../storage/detectionEvents';
import type { SpotcheckDatabase } from '../storage/schema';
import { grabRegion } from './frameGrab';
import { FrameRateMeter } from './frameRateMeter';
import { drawInspectionOverlay } from './maskOverlay';
import type { Region } from './regionOfInterest';

/** After this many unreadable frames in a row the camera is considered broken. */
const maxUnreadableFramesInARow = 10;
/** Events wait at most this long, or until this many are waiting, before they are written together. */
export const defaultEventBatchMs = 1_000;
const maxEventBatchSize = 30;

/** A frame cut out of the video, waiting for its detection (or why it could not be). */
type GrabbedFrame = { region: Region; grabbedAt: number; timestampMs: number } & ({ bitmap: ImageBitmap } | { error: unknown });

export interface InspectionReadout {
  prediction: Prediction | null;
  framesPerSecond: number;
  /** Conversion + inference in the worker, ms. */
  latencyMs: number | null;
  /** Frame grab to answer on the page, ms. */
  roundTripMs: number | null;
  /** When the frame this prediction judges was grabbed (performance.now()), so a reader knows which picture it is of. */
  frameGrabbedAt: number | null;
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
  /** How long detection events may wait to be written together (tests); `defaultEventBatchMs` otherwise. */
  eventBatchMs?: number;
}

const emptyReadout: InspectionReadout = {
  prediction: null,
  framesPerSecond: 0,
  latencyMs: null,
  roundTripMs: null,
  frameGrabbedAt: null,
  detections: 0,
  invalidFrames: 0,
  droppedFrames: 0,
  maskPixels: 0,
};

export class CameraInspector {
  private running = false;
  private paused = false;
  private inFlight = false;
  /** The frame grabbed while a detection runs, sent as soon as it answers. */
  private nextFrame: Promise<GrabbedFrame> | null = null;
  /** Whether the last grab has finished (one grab at a time). */
  private nextFrameGrabbed = true;
  private unreadableInARow = 0;
  private frameRequest: number | null = null;
  private readout: InspectionReadout = { ...emptyReadout };
  private readonly meter = new FrameRateMeter();
  /** Events not written yet, and the timer that writes them. */
  private pendingEvents: DetectionEvent[] = [];
  private batchTimer: ReturnType<typeof setTimeout> | null = null;
  /** Batches are written one after the other, in detection order. */
  private recording: Promise<unknown> = Promise.resolve();
  private readonly writeNowOnHide = () => {
    if (document.visibilityState === 'hidden') void this.flush();
  };
  private readonly writeNowOnLeave = () => void this.flush();

  constructor(private readonly options: InspectorOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.paused = false;
    this.meter.reset();
    this.readout = { ...emptyReadout };
    document.addEventListener('visibilitychange', this.writeNowOnHide);
    window.addEventListener('pagehide', this.writeNowOnLeave);
    this.requestFrame();
  }

  /** Stops for good (the page's Stop button); events so far are written. */
  stop(): void {
    this.running = false;
    this.cancelFrame();
    void this.nextFrame?.then(closeFrame);
    this.nextFrame = null;
    document.removeEventListener('visibilitychange', this.writeNowOnHide);
    window.removeEventListener('pagehide', this.writeNowOnLeave);
    void this.flush();
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

  /** Writes the waiting events now; resolves once every event so far is stored. */
  flush(): Promise<unknown> {
    if (this.batchTimer !== null) clearTimeout(this.batchTimer);
    this.batchTimer = null;
    const batch = this.pendingEvents;
    this.pendingEvents = [];
    if (batch.length > 0) {
      this.recording = this.recording
        .then(() => appendDetectionEvents(this.options.db, batch))
        .catch((error: unknown) => this.halt({ reason: 'error', error }));
    }
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
    if (!this.paused) {
      if (!this.inFlight) void this.inspect(this.grab());
      else if (!this.nextFrame) this.nextFrame = this.grab();
      else {
        this.readout.droppedFrames += 1;
        // A waiting frame is replaced by the newer one, so the verdict is of the part under the camera now.
        if (this.nextFrameGrabbed) {
          void this.nextFrame.then(closeFrame);
          this.nextFrame = this.grab();
        }
      }
    }
    this.requestFrame();
  }

  private async grab(): Promise<GrabbedFrame> {
    const region = this.options.region();
    const stamp = { region, grabbedAt: performance.now(), timestampMs: Date.now() };
    this.nextFrameGrabbed = false;
    try {
      return { ...stamp, bitmap: await grabRegion(this.options.video, region, this.options.projectSize) };
    } catch (error) {
      return { ...stamp, error };
    } finally {
      this.nextFrameGrabbed = true;
    }
  }

  /** Detects `first`, then each frame grabbed meanwhile, until none is waiting. */
  private async inspect(first: Promise<GrabbedFrame>): Promise<void> {
    this.inFlight = true;
    try {
      for (let frame: Promise<GrabbedFrame> | null = first; frame && this.running;) {
        await this.detectFrame(await frame);
        frame = this.nextFrame;
        this.nextFrame = null;
      }
    } finally {
      this.inFlight = false;
    }
  }

  private async detectFrame(frame: GrabbedFrame): Promise<void> {
    const context = { projectId: this.options.projectId, modelVersion: this.options.modelVersion, source: 'camera' as const, timestampMs: frame.timestampMs };
    if (!this.running || this.paused) {
      closeFrame(frame);
      return;
    }
    if ('error' in frame) {
      this.unreadable(invalidDetectionEventOf(context, describeError(frame.error)));
      return;
    }
    this.unreadableInARow = 0;
    const attempt = await detect(this.options.modelComponent, transfer(frame.bitmap, [frame.bitmap]), 'skip');
    if (attempt.kind !== 'detected') {
      this.detectionFailed(attempt, context);
      return;
    }
    if (!this.running) return;
    this.show(attempt.output, frame);
    this.record(detectionEventOf(context, attempt.output.prediction, attempt.output.latencyMs));
  }

  private show({ prediction, latencyMs }: DetectionOutput, { region, grabbedAt }: Pick<GrabbedFrame, 'region' | 'grabbedAt'>): void {
    const now = performance.now();
    this.meter.record(now);
    const wasAnomalous = this.readout.prediction?.isAnomalous ?? false;
    const maskPixels = drawInspectionOverlay(this.options.overlay, region, prediction.labelMask, this.options.labels());
    this.readout = {
      ...this.readout,
      prediction,
      latencyMs,
      roundTripMs: now - grabbedAt,
      frameGrabbedAt: grabbedAt,
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
    this.pendingEvents.push(event);
    if (this.pendingEvents.length >= maxEventBatchSize) void this.flush();
    else this.batchTimer ??= setTimeout(() => void this.flush(), this.options.eventBatchMs ?? defaultEventBatchMs);
  }

  private halt(stop: InspectionStop): void {
    if (!this.running) return;
    this.stop();
    this.options.onStop(stop);
  }
}

function closeFrame(frame: GrabbedFrame): void {
  if ('bitmap' in frame) frame.bitmap.close();
}
