// Frames per second over a sliding window of recent completions, and the latest latencies:
// the camera's readout. Pure; times come in as milliseconds from any monotonic clock.
export const defaultWindowMs = 2_000;

export class FrameRateMeter {
  private readonly completions: number[] = [];

  constructor(private readonly windowMs = defaultWindowMs) {}

  /** Records a frame finished at `timeMs`. */
  record(timeMs: number): void {
    this.completions.push(timeMs);
    this.forgetBefore(timeMs - this.windowMs);
  }

  /** Frames per second over the window ending at `nowMs`; 0 until two frames are known. */
  framesPerSecond(nowMs: number): number {
    this.forgetBefore(nowMs - this.windowMs);
    if (this.completions.length < 2) return 0;
    // Intervals between the frames still in the window; a stall empties it and reads 0.
    const spanMs = this.completions.at(-1)! - this.completions[0]!;
    return spanMs > 0 ? ((this.completions.length - 1) * 1000) / spanMs : 0;
  }

  reset(): void {
    this.completions.length = 0;
  }

  private forgetBefore(cutoffMs: number): void {
    while (this.completions.length > 0 && this.completions[0]! < cutoffMs) this.completions.shift();
  }
}
