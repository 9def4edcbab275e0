// Runs the `spotcheck-detect` command as a user would (`node bin/spotcheck-detect.mjs …`, a child process
// with its own Node), and gives the app's own result for the same files: the detection runtime of the
// detection worker, over the model stored in (fake) IndexedDB, run by onnxruntime-web wasm.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { IDBPDatabase } from 'idb';
import type { SegmentationLabel } from '../../../src/contracts/modelMetadata';
import type { SpotcheckDB } from '../../../src/storage/schema';
import { toDetectAnomalyResult } from '../../../workers/engine/packaging';
import { DetectionRuntime } from '../../../workers/runtime/detectionRuntime';
import { nodeImageDecoder } from '../../../workers/runtime/nodeImageDecoder';
import { storedModelSource } from '../../../workers/runtime/storedModelSource';

const cliEntry = new URL('../../../bin/spotcheck-detect.mjs', import.meta.url).pathname;
/** The command starts its own Node, Vite's module runner and ORT: seconds, more on a loaded machine. */
export const cliRunTimeoutMs = 240_000;

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs in English (LC_ALL=C) unless `environment` names a locale, whatever the machine's own locale. */
export function runCli(args: readonly string[], environment: Record<string, string> = { LC_ALL: 'C' }): Promise<CliRun> {
  const env = { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '', ...environment };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cliEntry, ...args], { env, timeout: cliRunTimeoutMs, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ exitCode: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

/** The JSON line the app's result for each file serialises to (the file as named, its DetectAnomalyResult). */
export async function appResultLines(
  db: IDBPDatabase<SpotcheckDB>,
  modelComponent: string,
  labels: readonly SegmentationLabel[],
  files: readonly string[],
): Promise<string[]> {
  const runtime = new DetectionRuntime({ source: storedModelSource(async () => db), decoder: nodeImageDecoder });
  await runtime.startModel(modelComponent);
  await runtime.whenStarted(modelComponent);
  try {
    const lines: string[] = [];
    for (const file of files) {
      const { prediction } = await runtime.detectAnomalies(modelComponent, new Blob([await readFile(file)]));
      lines.push(JSON.stringify({ file, DetectAnomalyResult: toDetectAnomalyResult(prediction, labels) }));
    }
    return lines;
  } finally {
    await runtime.stopModel(modelComponent);
  }
}
