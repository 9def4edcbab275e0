// The camera's pure parts: the region of interest (project aspect ratio, zoom, kept inside the
// picture), the FPS meter, what each detection failure means (the runtime's one policy, also used by
// trials and detect-on-files), and the detection events built from a result or an unreadable frame.
import { describe, expect, it } from 'vitest';
import { FrameRateMeter } from '../../src/camera/frameRateMeter';
import { regionOfInterest } from '../../src/camera/regionOfInterest';
import { detectionEventOf, invalidDetectionEventOf } from '../../src/domain/detectionEvent';
import { UserFacingError } from '../../src/domain/errors';
import { classifyDetectionFailure } from '../../src/runtime/detection';
import { DetectionRuntimeError } from '../../workers/runtime/runtimeErrors';

describe('regionOfInterest', () => {
  const frame = { width: 1280, height: 720 };

  it('is the largest region with the project aspect ratio at zoom 1, centred', () => {
    expect(regionOfInterest(frame, { width: 320, height: 240 }, { zoom: 1, centerX: 0.5, centerY: 0.5 })).toEqual({ x: 160, y: 0, width: 960, height: 720 });
    expect(regionOfInterest(frame, { width: 64, height: 64 }, { zoom: 1, centerX: 0.5, centerY: 0.5 })).toEqual({ x: 280, y: 0, width: 720, height: 720 });
    expect(regionOfInterest({ width: 640, height: 480 }, { width: 320, height: 240 }, { zoom: 1, centerX: 0.5, centerY: 0.5 })).toEqual({
      x: 0,
      y: 0,
      width: 640,
      height: 480,
    });
  });

  it('shrinks with zoom and moves, but never leaves the picture', () => {
    expect(regionOfInterest(frame, { width: 320, height: 240 }, { zoom: 2, centerX: 0.5, centerY: 0.5 })).toEqual({ x: 400, y: 180, width: 480, height: 360 });
    expect(regionOfInterest(frame, { width: 320, height: 240 }, { zoom: 2, centerX: 0, centerY: 1 })).toEqual({ x: 0, y: 360, width: 480, height: 360 });
    // Zoom is clamped to 1…4.
    expect(regionOfInterest(frame, { width: 320, height: 240 }, { zoom: 10, centerX: 0.5, centerY: 0.5 }).width).toBe(240);
    expect(regionOfInterest(frame, { width: 320, height: 240 }, { zoom: 0.2, centerX: 0.5, centerY: 0.5 }).width).toBe(960);
  });
});

describe('FrameRateMeter', () => {
  it('reads frames per second over the recent window, and 0 after a stall', () => {
    const meter = new FrameRateMeter(2_000);
    expect(meter.framesPerSecond(0)).toBe(0);
    for (let t = 0; t <= 1_000; t += 100) meter.record(t);
    expect(meter.framesPerSecond(1_000)).toBeCloseTo(10, 6);
    for (let t = 1_250; t <= 3_000; t += 250) meter.record(t);
    // The window now holds the frame at 1,000 ms and eight more, 250 ms apart: 4 per second.
    expect(meter.framesPerSecond(3_000)).toBeCloseTo(4, 6);
    expect(meter.framesPerSecond(10_000)).toBe(0);
  });
});

describe('classifyDetectionFailure', () => {
  it('maps runtime and app errors to what a detection run does next', () => {
    expect(classifyDetectionFailure(new DetectionRuntimeError('RESOURCE_EXHAUSTED', 'queue full'))).toEqual({ kind: 'busy' });
    expect(classifyDetectionFailure(new DetectionRuntimeError('INVALID_ARGUMENT', 'The frame is empty (0 bytes).'))).toEqual({
      kind: 'refused',
      reason: 'The frame is empty (0 bytes).',
    });
    const stopped = new DetectionRuntimeError('FAILED_PRECONDITION', 'parts:1 is STOPPED');
    expect(classifyDetectionFailure(stopped)).toEqual({ kind: 'modelStopped', detail: 'parts:1 is STOPPED', error: stopped });
    const gone = new DetectionRuntimeError('NOT_FOUND', 'gone');
    expect(classifyDetectionFailure(gone)).toEqual({ kind: 'modelStopped', detail: 'gone', error: gone });
    const inference = new DetectionRuntimeError('INTERNAL', 'Inference failed');
    expect(classifyDetectionFailure(inference)).toEqual({ kind: 'modelFailed', detail: 'Inference failed', error: inference });
    const crashed = new UserFacingError('worker.crashed', { detail: 'out of memory' });
    expect(classifyDetectionFailure(crashed)).toEqual({ kind: 'modelFailed', detail: 'out of memory', error: crashed });
    const quota = new UserFacingError('storage.quotaExceeded');
    expect(classifyDetectionFailure(quota)).toEqual({ kind: 'other', error: quota });
  });
});

describe('detection events', () => {
  const context = { projectId: 'p1', modelVersion: 3, source: 'camera' as const, timestampMs: 1_700_000_000_000 };

  it('keeps the verdict, scores, latency and label areas without background', () => {
    const event = detectionEventOf(
      context,
      {
        score: 0.8,
        rawScore: 3.1,
        threshold: 0.4,
        isAnomalous: true,
        confidence: 0.97,
        labelAreas: [{ index: 2, name: 'dent', area: 0.01 }],
      },
      42,
    );
    expect(event).toEqual({
      ...context,
      isAnomalous: true,
      confidence: 0.97,
      anomalyScore: 0.8,
      labelAreas: [{ label: 'dent', area: 0.01 }],
      latencyMs: 42,
      invalid: null,
    });
  });

  it('records an unreadable frame as invalid with its reason', () => {
    expect(invalidDetectionEventOf(context, 'The camera picture could not be read.')).toEqual({
      ...context,
      isAnomalous: false,
      confidence: 0,
      anomalyScore: 0,
      labelAreas: [],
      latencyMs: 0,
      invalid: 'The camera picture could not be read.',
    });
  });
});
