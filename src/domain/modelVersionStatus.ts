// The life of a model version (spec §1.2): which status changes are allowed, and what a version
// left mid-change by a closed tab or crashed worker becomes when the app starts again.
import { UserFacingError } from './errors';
import type { ModelVersionStatus } from './types';

const allowedTransitions: Readonly<Record<ModelVersionStatus, readonly ModelVersionStatus[]>> = {
  TRAINING: ['TRAINED', 'TRAINING_FAILED'],
  TRAINED: ['STARTING_HOSTING'],
  TRAINING_FAILED: [],
  STARTING_HOSTING: ['HOSTED', 'HOSTING_FAILED'],
  HOSTED: ['STOPPING_HOSTING'],
  HOSTING_FAILED: ['STARTING_HOSTING'],
  STOPPING_HOSTING: ['TRAINED'],
};

export const modelVersionStatuses = Object.keys(allowedTransitions) as ModelVersionStatus[];

export function canTransition(from: ModelVersionStatus, to: ModelVersionStatus): boolean {
  return allowedTransitions[from].includes(to);
}

/** Throws the reason a person reads (e.g. "Model 3 is running: stop it first") when the change is refused. */
export function assertTransition(version: number, from: ModelVersionStatus, to: ModelVersionStatus): void {
  if (!canTransition(from, to)) throw new UserFacingError('model.transitionRefused', { version, context: `${from}_${to}`, from, to });
}

/** Versions in these states hold a worker or a session; they cannot be deleted. */
export const busyModelStatuses: ReadonlySet<ModelVersionStatus> = new Set(['TRAINING', 'STARTING_HOSTING', 'HOSTED', 'STOPPING_HOSTING']);

export interface RecoveredStatus {
  status: ModelVersionStatus;
  statusMessageKey: string | null;
  /** The user started it and never stopped it: the app starts it again (a reload must not stop a model). */
  hostAgain: boolean;
}

/**
 * On app start no worker or session survives: hosting states fall back to TRAINED, those the user had
 * started (HOSTED, STARTING_HOSTING) to be started again, and a run left in TRAINING failed ("Training
 * was interrupted").
 */
export function statusAfterRestart(status: ModelVersionStatus): RecoveredStatus | null {
  if (status === 'TRAINING') return { status: 'TRAINING_FAILED', statusMessageKey: 'model.interrupted', hostAgain: false };
  if (status === 'STARTING_HOSTING' || status === 'HOSTED') return { status: 'TRAINED', statusMessageKey: null, hostAgain: true };
  if (status === 'STOPPING_HOSTING') return { status: 'TRAINED', statusMessageKey: null, hostAgain: false };
  return null;
}
