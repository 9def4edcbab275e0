// The page's one detection call and its one error policy, used by the camera loop, trial jobs and
// detect-on-files alike. A refused picture (not PNG/JPEG, wrong size, empty frame) is that picture's
// outcome and the rest go on; a full runtime queue is backpressure: live frames are skipped, files wait
// for room; a stopped model or a broken runtime/worker ends the run with its detail; anything else
// (storage, a deleted project) is the caller's to show.
import type { DetectionInput, DetectionOutput } from '../contracts/detectionWorkerApi';
import { detectionWorker } from '../app/workers';
import { isUserFacingError } from '../domain/errors';
import { DetectionRuntimeError } from '../../workers/runtime/runtimeErrors';

/** How long a file waits before it asks a full runtime queue again. */
export const busyRetryDelayMs = 250;

export type DetectionFailure =
  /** The runtime's queue is full (RESOURCE_EXHAUSTED). */
  | { kind: 'busy' }
  /** The runtime refused this picture (INVALID_ARGUMENT); `reason` says why, for this picture only. */
  | { kind: 'refused'; reason: string }
  /** The model is not RUNNING any more (stopped elsewhere, or gone): start it again. */
  | { kind: 'modelStopped'; detail: string; error: unknown }
  /** The runtime broke (worker crash, inference failure): restart the model. */
  | { kind: 'modelFailed'; detail: string; error: unknown }
  /** Anything else (storage, project deleted): stop and show it. */
  | { kind: 'other'; error: unknown };

export type DetectionAttempt = { kind: 'detected'; output: DetectionOutput } | DetectionFailure;

/** 'skip': a full queue answers `busy` at once (live frames); 'wait': ask again until there is room (files). */
export type Backpressure = 'skip' | 'wait';

export function classifyDetectionFailure(error: unknown): DetectionFailure {
  if (error instanceof DetectionRuntimeError) {
    switch (error.name) {
      case 'RESOURCE_EXHAUSTED':
        return { kind: 'busy' };
      case 'INVALID_ARGUMENT':
        return { kind: 'refused', reason: error.details };
      case 'FAILED_PRECONDITION':
      case 'NOT_FOUND':
        return { kind: 'modelStopped', detail: error.details, error };
      default:
        return { kind: 'modelFailed', detail: error.details, error };
    }
  }
  if (isUserFacingError(error) && error.code === 'worker.crashed') return { kind: 'modelFailed', detail: String(error.params.detail ?? ''), error };
  return { kind: 'other', error };
}

/** Detects with a started model; never throws: every failure comes back classified ('wait' never answers `busy`). */
export function detect(modelComponent: string, input: DetectionInput, backpressure: 'wait'): Promise<Exclude<DetectionAttempt, { kind: 'busy' }>>;
export function detect(modelComponent: string, input: DetectionInput, backpressure: Backpressure): Promise<DetectionAttempt>;
export async function detect(modelComponent: string, input: DetectionInput, backpressure: Backpressure): Promise<DetectionAttempt> {
  for (;;) {
    try {
      return { kind: 'detected', output: await detectionWorker.run((api) => api.detectAnomalies(modelComponent, input)) };
    } catch (error) {
      const failure = classifyDetectionFailure(error);
      if (failure.kind !== 'busy' || backpressure === 'skip') return failure;
      await new Promise((resolve) => setTimeout(resolve, busyRetryDelayMs));
    }
  }
}
