// Turns the engine's per-stage progress into what the UI shows: the whole run's percentage (stages
// weighted by their usual share of the time), elapsed time and an estimate of the time left.
import type { TrainingProgress } from '../engine/training/types';
import type { TrainingProgressReport, TrainingStage } from '../../src/contracts/trainingWorkerApi';

/**
 * Shares of a run's time per stage: the other stages' shares are the mean of `npm run bench` stage timings of the
 * cookie set in the node and browser runtimes (2026-12-07, wasm, both feature poolings calibrated), rounded;
 * decoding the stored pictures, reported as the start of `features`, keeps an estimated 5 %. Stages a run skips
 * (segmentation for classification models) are dropped and the rest rescaled. Calibration runs once per
 * feature pooling, and the final bank is built after it for the pooling it chose.
 */
const stageWeights: Readonly<Record<TrainingStage | 'decoding', number>> = {
  decoding: 0.05,
  features: 0.46,
  calibration: 0.31,
  'memory-bank': 0.03,
  evaluation: 0.01,
  segmentation: 0.13,
  packaging: 0.01,
};

const stageOrder: readonly (TrainingStage | 'decoding')[] = ['decoding', 'features', 'calibration', 'memory-bank', 'evaluation', 'segmentation', 'packaging'];

/** Below this overall percentage the time left is not estimated: too little to extrapolate from. */
const minPercentForEstimate = 5;

export class ProgressTracker {
  private readonly started: number;
  private readonly weights: Map<TrainingStage | 'decoding', number>;
  private lastOverall = 0;

  constructor(
    withSegmentation: boolean,
    private readonly report: (progress: TrainingProgressReport) => void,
    private readonly now = () => performance.now(),
  ) {
    this.started = now();
    const stages = stageOrder.filter((stage) => withSegmentation || stage !== 'segmentation');
    const total = stages.reduce((sum, stage) => sum + stageWeights[stage], 0);
    this.weights = new Map(stages.map((stage) => [stage, stageWeights[stage] / total]));
  }

  decoding(done: number, total: number): void {
    this.emit('features', 0, this.overall('decoding', total === 0 ? 100 : (100 * done) / total));
  }

  stage(progress: TrainingProgress): void {
    const { stage, percent, epoch, loss } = progress;
    this.emit(stage, percent, this.overall(stage, percent), { ...(epoch !== undefined ? { epoch } : {}), ...(loss !== undefined ? { loss } : {}) });
  }

  private overall(stage: TrainingStage | 'decoding', percent: number): number {
    let before = 0;
    for (const [candidate, weight] of this.weights) {
      if (candidate === stage) break;
      before += weight;
    }
    // Never backwards: a stage reporting 0 % after a later-weighted one must not make the bar jump back.
    this.lastOverall = Math.max(this.lastOverall, Math.min(100, 100 * before + (this.weights.get(stage) ?? 0) * percent));
    return this.lastOverall;
  }

  private emit(stage: TrainingStage, percent: number, overallPercent: number, extra: { epoch?: number; loss?: number } = {}): void {
    const elapsedMs = this.now() - this.started;
    const remainingMs = overallPercent >= minPercentForEstimate ? (elapsedMs * (100 - overallPercent)) / overallPercent : undefined;
    this.report({ stage, percent, overallPercent, elapsedMs, ...(remainingMs !== undefined ? { remainingMs } : {}), ...extra });
  }
}
