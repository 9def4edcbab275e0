// `spotcheck-detect`: judges image files on a server with a model exported from Spotcheck, writing one
// spec §4.1 DetectAnomalyResult per image as a JSON line. It runs the app's own code path: the model
// package reader of the import worker, the runtime's input conversion (content check, size check, RGB888),
// detection with the packaged model and the one DetectAnomalyResult serialiser. Progress and every refused
// file go to the standard error; the exit status says whether every image was judged.
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ModelPackageMetadata } from '../../src/domain/modelPackage';
import { describeError, i18n, switchLanguage } from '../../src/i18n';
import { cliCatalogueLoaders, cliLanguage } from './cliLanguage';
import { detectWithPackagedModel } from '../../workers/engine/packaging/detect';
import { toDetectAnomalyResult, type DetectAnomalyResult } from '../../workers/engine/packaging/detectAnomalyResult';
import { readModelPackage } from '../../workers/import/modelPackage';
import type { ort } from '../../workers/ort';
import { toModelRgb } from '../../workers/runtime/detectionInput';
import { nodeImageDecoder } from '../../workers/runtime/nodeImageDecoder';
import { DetectionRuntimeError } from '../../workers/runtime/runtimeErrors';
import { createInferenceSession, runtimeNames, type RuntimeName } from './inferenceSession';
import { listInputFiles, type InputFile } from './inputFiles';

export const exitCodes = { allJudged: 0, someFailed: 1, cannotRun: 2 } as const;

export interface CliStreams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

interface CliOptions {
  modelPath: string;
  inputs: string[];
  threshold?: number;
  outPath?: string;
  masksDir?: string;
  runtime: RuntimeName;
}

/** One line of the output: the file as given and its result. */
export interface DetectionLine {
  file: string;
  DetectAnomalyResult: DetectAnomalyResult;
}

class CliUsageError extends Error {}

export async function main(argv: readonly string[], streams: CliStreams = process): Promise<number> {
  await switchLanguage(cliLanguage(process.env), cliCatalogueLoaders);
  const say = (text: string) => streams.stderr.write(`${text}\n`);
  let options: CliOptions | 'help';
  try {
    options = parseOptions(argv);
  } catch (error) {
    // parseArgs' own errors (an unknown option, a missing value) are English sentences naming the option.
    say(error instanceof CliUsageError ? error.message : i18n.t('cli:badArguments', { detail: reasonOf(error) }));
    return exitCodes.cannotRun;
  }
  if (options === 'help') {
    streams.stdout.write(`${i18n.t('cli:usage')}\n`);
    return exitCodes.allJudged;
  }
  let model: { metadata: ModelPackageMetadata; session: ort.InferenceSession };
  try {
    model = await loadModel(options);
  } catch (error) {
    say(error instanceof CliUsageError ? error.message : describeError(error));
    return exitCodes.cannotRun;
  }
  const { metadata, session } = model;
  const threshold = options.threshold ?? metadata.threshold;
  say(
    i18n.t('cli:modelLoaded', {
      file: options.modelPath,
      modelType: metadata.modelType,
      width: metadata.inputSize.width,
      height: metadata.inputSize.height,
      threshold,
      runtime: options.runtime,
    }),
  );
  if (options.masksDir && metadata.modelType !== 'segmentation') say(i18n.t('cli:noMasks', { file: options.modelPath }));
  try {
    return await judgeAll(options, metadata, session, threshold, streams, say);
  } finally {
    await session.release();
  }
}

async function judgeAll(
  options: CliOptions,
  metadata: ModelPackageMetadata,
  session: ort.InferenceSession,
  threshold: number,
  streams: CliStreams,
  say: (text: string) => void,
): Promise<number> {
  let failed = 0;
  const files: InputFile[] = [];
  for (const input of options.inputs) {
    try {
      files.push(...(await listInputFiles([input])));
    } catch (error) {
      failed += 1;
      say(i18n.t('cli:pathUnreadable', { file: input, reason: reasonOf(error) }));
    }
  }
  const out = options.outPath ? createWriteStream(options.outPath) : undefined;
  const write = (text: string) => (out ? out.write(text) : streams.stdout.write(text));
  let judged = 0;
  for (const [position, file] of files.entries()) {
    const result = await judgeFile(file.path, metadata, session, threshold).catch((error: unknown) => {
      say(refusalOf(file.path, error));
      return undefined;
    });
    if (!result) {
      failed += 1;
      continue;
    }
    const line: DetectionLine = { file: file.path, DetectAnomalyResult: result };
    write(`${JSON.stringify(line)}\n`);
    if (options.masksDir && result.AnomalyMask) await writeMask(options.masksDir, file, result.AnomalyMask);
    judged += 1;
    const verdict = i18n.t('cli:verdict', { context: result.IsAnomalous ? 'anomalous' : 'normal' });
    say(i18n.t('cli:progress', { done: position + 1, total: files.length, file: file.path, verdict, score: result.anomaly_score.toFixed(4) }));
  }
  if (out) await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  const total = judged + failed;
  say(failed > 0 ? i18n.t('cli:summaryFailed', { judged, total, failed }) : i18n.t('cli:summary', { judged, total }));
  return failed > 0 ? exitCodes.someFailed : exitCodes.allJudged;
}

function parseOptions(argv: readonly string[]): CliOptions | 'help' {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      model: { type: 'string' },
      threshold: { type: 'string' },
      out: { type: 'string' },
      masks: { type: 'string' },
      runtime: { type: 'string', default: 'wasm' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (!values.model) throw new CliUsageError(i18n.t('cli:noModel'));
  if (positionals.length === 0) throw new CliUsageError(i18n.t('cli:noImages'));
  const runtime = values.runtime as RuntimeName;
  if (!runtimeNames.includes(runtime)) throw new CliUsageError(i18n.t('cli:badRuntime', { value: values.runtime }));
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && !(values.threshold!.trim() !== '' && threshold >= 0 && threshold <= 1)) {
    throw new CliUsageError(i18n.t('cli:badThreshold', { value: values.threshold }));
  }
  return {
    modelPath: values.model,
    inputs: positionals,
    runtime,
    ...(threshold !== undefined ? { threshold } : {}),
    ...(values.out ? { outPath: values.out } : {}),
    ...(values.masks ? { masksDir: values.masks } : {}),
  };
}

async function loadModel(options: CliOptions): Promise<{ metadata: ModelPackageMetadata; session: ort.InferenceSession }> {
  let archive: Blob;
  try {
    archive = new Blob([await readFile(options.modelPath)]);
  } catch (error) {
    throw new CliUsageError(i18n.t('cli:modelUnreadable', { file: options.modelPath, reason: reasonOf(error) }));
  }
  const { model, metadata } = await readModelPackage(archive, basename(options.modelPath));
  const session = await createInferenceSession(options.runtime, new Uint8Array(await model.arrayBuffer()));
  return { metadata, session };
}

/** The app's path for a file: content and size checks and RGB888 conversion, detection, serialisation. */
export async function judgeFile(path: string, metadata: ModelPackageMetadata, session: ort.InferenceSession, threshold: number): Promise<DetectAnomalyResult> {
  const rgb = await toModelRgb(new Blob([await readFile(path)]), metadata.inputSize, nodeImageDecoder);
  const { width, height } = metadata.inputSize;
  const prediction = await detectWithPackagedModel(session, rgb, width, height, metadata, { threshold });
  return toDetectAnomalyResult(prediction, metadata.labels);
}

function refusalOf(file: string, error: unknown): string {
  if (error instanceof DetectionRuntimeError) return i18n.t('cli:fileRefused', { file, reason: error.details });
  if (isNodeError(error)) return i18n.t('cli:pathUnreadable', { file, reason: reasonOf(error) });
  return i18n.t('cli:fileRefused', { file, reason: describeError(error) });
}

async function writeMask(masksDir: string, file: InputFile, maskBase64: string): Promise<void> {
  const target = join(masksDir, file.relativePath.replace(/\.[^./\\]*$/, '') + '.png');
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, Buffer.from(maskBase64, 'base64'));
}

function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/** Node's error code with its text, e.g. "ENOENT: no such file or directory, stat 'x.png'". */
function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
