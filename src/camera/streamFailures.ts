// What a failed camera detection means for the stream: skip the frame (runtime busy), record the frame
// as invalid and go on (the runtime refused that picture), or stop and offer a recovery (model stopped,
// model or worker failed, storage failed). Pure: maps the runtime's and the app's errors.
import { isUserFacingError } from '../domain/errors';
import { DetectionRuntimeError } from '../../workers/runtime/runtimeErrors';

export type DetectionFailure =
  | { kind: 'skipFrame' }
  | { kind: 'invalidFrame'; reason: string }
  /** The model is not RUNNING any more (stopped elsewhere, or gone): start it again. */
  | { kind: 'modelStopped'; detail: string }
  /** The runtime broke (worker crash, inference failure): restart the model. */
  | { kind: 'modelFailed'; detail: string }
  /** Anything else (storage, project deleted): stop and show it. */
  | { kind: 'other'; error: unknown };

export function classifyDetectionFailure(error: unknown): DetectionFailure {
  if (error instanceof DetectionRuntimeError) {
    switch (error.name) {
      case 'RESOURCE_EXHAUSTED':
        return { kind: 'skipFrame' };
      case 'INVALID_ARGUMENT':
        return { kind: 'invalidFrame', reason: error.details };
      case 'FAILED_PRECONDITION':
      case 'NOT_FOUND':
        return { kind: 'modelStopped', detail: error.details };
      default:
        return { kind: 'modelFailed', detail: error.details };
    }
  }
  if (isUserFacingError(error) && error.code === 'worker.crashed') return { kind: 'modelFailed', detail: String(error.params.detail ?? '') };
  return { kind: 'other', error };
}
