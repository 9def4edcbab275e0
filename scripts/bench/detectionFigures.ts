// The hot-path figures of `npm run bench -- --runtime browser` (issue 14): the packaged model alone
// (`graphMs`) against the full DetectAnomalies call (`detectMs`), taken interleaved in one run, the
// ratio of their medians, the bitmap (camera) input, the threads and execution provider, and the camera
// loop's rate (`cameraFps`).
import type { PageBenchResult } from './browser/protocol';
import { percentiles, round, type Percentiles } from './percentiles';

export interface DetectionFigures {
  graphMs: Percentiles;
  /** DetectAnomalies with a transferred ImageBitmap at the project size (the camera loop's input). */
  detectBitmapMs: Percentiles;
  /** The detection worker's own time for the frame calls (conversion, model, post-processing): detectMs less this is the bridge's share. */
  detectWorkerMs: Percentiles;
  /** Median over rounds of detectMs / graphMs taken back to back, for the frame and the bitmap input (target ≤ 1.15). */
  detectToGraph: { frame: number; bitmap: number };
  executionProvider: string;
  /** The real camera loop on Chromium's fake 640×480 camera: verdicts per second, and frame grab to verdict. */
  cameraFps?: number;
  cameraFrameToVerdictMs?: Percentiles;
}

export function detectionFigures(output: PageBenchResult): DetectionFigures {
  const graphMs = percentiles(output.graphMs);
  const detectBitmapMs = percentiles(output.detectBitmapMs);
  const ratio = (ratios: readonly number[]) => Math.round(percentiles(ratios.map((value) => value * 100)).p50) / 100;
  return {
    graphMs,
    detectBitmapMs,
    detectWorkerMs: percentiles(output.workerLatencyMs),
    detectToGraph: { frame: ratio(output.frameToGraph), bitmap: ratio(output.bitmapToGraph) },
    executionProvider: output.executionProvider,
    ...(output.camera ? { cameraFps: round(output.camera.fps), cameraFrameToVerdictMs: percentiles(output.camera.frameToVerdictMs) } : {}),
  };
}

export function detectionRows(results: Partial<DetectionFigures>): [string, string][] {
  const rows: [string, string][] = [];
  if (results.graphMs && results.detectToGraph && results.detectBitmapMs && results.detectWorkerMs) {
    rows.push(['graph ms p50 / p95', `${results.graphMs.p50} / ${results.graphMs.p95} (packaged model alone, ${results.executionProvider})`]);
    rows.push(['detect in worker ms p50 / p95', `${results.detectWorkerMs.p50} / ${results.detectWorkerMs.p95} (the frame calls' time inside the worker)`]);
    rows.push(['detect bitmap ms p50 / p95', `${results.detectBitmapMs.p50} / ${results.detectBitmapMs.p95} (ImageBitmap transferred)`]);
    rows.push(['detect / graph (median)', `frame ${results.detectToGraph.frame}×, bitmap ${results.detectToGraph.bitmap}× (per round, back to back)`]);
  }
  if (results.cameraFps !== undefined && results.cameraFrameToVerdictMs) {
    const { p50, p95 } = results.cameraFrameToVerdictMs;
    rows.push(['camera fps (fake 640×480)', `${results.cameraFps} (frame to verdict ms p50 / p95 ${p50} / ${p95})`]);
  }
  return rows;
}
