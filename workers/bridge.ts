// Typed, cancellable access to a comlink worker (after squoosh's worker bridge).
// Aborting a call terminates the worker — the only way to stop synchronous work inside it —
// and the next call starts a fresh one. A crashed worker rejects its calls instead of hanging.
import { releaseProxy, wrap, type Remote } from 'comlink';
import { UserFacingError } from '../src/domain/errors';
import { transferUserFacingErrors } from './userFacingErrors';

export { proxy, transfer } from 'comlink';

transferUserFacingErrors();
export type { Remote } from 'comlink';

export interface WorkerBridge<Api> {
  /** Runs `task` against the worker; rejects with the signal's reason (an `AbortError`) when aborted. */
  run<Result>(task: (api: Remote<Api>) => Promise<Result>, signal?: AbortSignal): Promise<Result>;
  /** Terminates the worker now; later calls start a new one. */
  terminate(): void;
}

interface LiveWorker<Api> {
  worker: Worker;
  api: Remote<Api>;
  pendingRejections: Set<(reason: unknown) => void>;
}

export function createWorkerBridge<Api>(createWorker: () => Worker): WorkerBridge<Api> {
  let live: LiveWorker<Api> | null = null;

  function discard(target: LiveWorker<Api>, reason: unknown) {
    if (live === target) live = null;
    target.api[releaseProxy]();
    target.worker.terminate();
    for (const reject of target.pendingRejections) reject(reason);
    target.pendingRejections.clear();
  }

  function ensureWorker(): LiveWorker<Api> {
    if (live) return live;
    const worker = createWorker();
    const started: LiveWorker<Api> = { worker, api: wrap<Api>(worker), pendingRejections: new Set() };
    const onCrash = (event: ErrorEvent | MessageEvent) => {
      event.preventDefault();
      const detail = event instanceof ErrorEvent ? event.message : 'message could not be read';
      discard(started, new UserFacingError('worker.crashed', { detail: detail || 'unknown error' }));
    };
    worker.addEventListener('error', onCrash);
    worker.addEventListener('messageerror', onCrash);
    live = started;
    return started;
  }

  return {
    run<Result>(task: (api: Remote<Api>) => Promise<Result>, signal?: AbortSignal): Promise<Result> {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const target = ensureWorker();
      return new Promise<Result>((resolve, reject) => {
        const onAbort = () => discard(target, signal?.reason);
        const settle = () => {
          target.pendingRejections.delete(reject);
          signal?.removeEventListener('abort', onAbort);
        };
        target.pendingRejections.add(reject);
        signal?.addEventListener('abort', onAbort, { once: true });
        task(target.api).then(
          (value) => {
            settle();
            resolve(value);
          },
          (error: unknown) => {
            settle();
            reject(error);
          },
        );
      });
    },
    terminate() {
      if (live) discard(live, new DOMException('The worker was stopped.', 'AbortError'));
    },
  };
}
