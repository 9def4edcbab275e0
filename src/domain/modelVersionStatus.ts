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

/**
 * A hosting status left behind by a runtime that is gone (crashed worker, closed tab) walks back through
 * allowed §1.2 transitions before a new start, e.g. HOSTED → STOPPING_HOSTING → TRAINED.
 */
export const stalePathToStart: Readonly<Partial<Record<ModelVersionStatus, readonly ModelVersionStatus[]>>> = {
  HOSTED: ['STOPPING_HOSTING', 'TRAINED'],
  STOPPING_HOSTING: ['TRAINED'],
  STARTING_HOSTING: ['HOSTING_FAILED'],
};

export interface RecoveredStatus {
  /** Unchanged for a version to host again: it stays as the user left it until its start is recorded. */
  status: ModelVersionStatus;
  statusMessageKey: string | null;
  /** The user started it and never stopped it: the app starts it again (a reload must not stop a model). */
  hostAgain: boolean;
}

/**
 * On app start no worker or session survives: those the user had started (HOSTED, STARTING_HOSTING) are
 * started again and keep their status until that start is recorded (a reload before then must not lose
 * them), STOPPING_HOSTING falls back to TRAINED, and a run left in TRAINING failed ("Training was
 * interrupted").
 */
export function statusAfterRestart(status: ModelVersionStatus): RecoveredStatus | null {
  if (status === 'TRAINING') return { status: 'TRAINING_FAILED', statusMessageKey: 'model.interrupted', hostAgain: false };
  if (status === 'STARTING_HOSTING' || status === 'HOSTED') return { status, statusMessageKey: null, hostAgain: true };
  if (status === 'STOPPING_HOSTING') return { status: 'TRAINED', statusMessageKey: null, hostAgain: false };
  return null;
}
