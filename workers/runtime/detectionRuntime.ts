// The detection runtime (spec §4.3), free of any platform: StartModel / StopModel / DescribeModel /
// ListModels / DetectAnomalies over sessions kept per model_component, with the ModelStatus life cycle
// and error codes. Where models come from, how their status is recorded and how files are decoded are
// injected, so the same core runs in the detection worker (IndexedDB, createImageBitmap) and under Node.
import { parseModelComponent } from '../../src/domain/modelComponent';
import type { ModelVersionStatus } from '../../src/domain/types';
import { detectWithPackagedModel } from '../engine/packaging/detect';
import { rgbImageTensor } from '../engine/features/featureExtractor';
import { imageInputName } from '../engine/features/featureGraph';
import type { ModelMetadata } from '../../src/contracts/modelMetadata';
import { ort, sessionOptions } from '../ort';
import { toModelRgb, type ImageDecoder } from './detectionInput';
import { DetectionRuntimeError, asRuntimeError } from './runtimeErrors';
import type { DetectionInput, DetectionOutput, ModelDescription, ModelStatusName } from '../../src/contracts/detectionWorkerApi';

/** A trained local version as the store knows it. */
export interface StoredModel {
  modelComponent: string;
  modelVersionId: string;
  status: ModelVersionStatus;
  statusMessage: string;
}

export interface ModelSource {
  /** Every version that finished training (TRAINED or a hosting status), of every project. */
  list(): Promise<StoredModel[]>;
  /** Undefined when no trained version has that component. */
  find(modelComponent: string): Promise<StoredModel | undefined>;
  load(modelVersionId: string): Promise<{ modelBytes: Uint8Array; metadata: ModelMetadata }>;
  /** The threshold in effect now (spec §9 override), read for every detection; undefined = the trained one. */
  currentThreshold(modelVersionId: string): Promise<number | undefined>;
  /** Mirrors a ModelStatus change into the version's §1.2 status. */
  recordStatus(modelVersionId: string, status: ModelVersionStatus, statusMessage?: string): Promise<void>;
}

export interface DetectionRuntimeOptions {
  source: ModelSource;
  decoder: ImageDecoder;
  createSession?: (modelBytes: Uint8Array) => Promise<ort.InferenceSession>;
  /**
   * Takes the version's hosting lock (held from StartModel until stopped or failed, so other tabs know the
   * model is hosted); resolves with its release, or null when another tab hosts the version. None: no lock.
   */
  holdHostingLock?: (modelVersionId: string) => Promise<(() => void) | null>;
  /** Detections accepted but not finished, per model; more are refused with RESOURCE_EXHAUSTED. */
  maxQueuedDetections?: number;
  /** Models RUNNING or STARTING at once; another start is refused with RESOURCE_EXHAUSTED. */
  maxRunningModels?: number;
  now?: () => number;
}

export const defaultMaxQueuedDetections = 4;
export const defaultMaxRunningModels = 4;

interface HostedModel {
  modelVersionId: string;
  status: ModelStatusName;
  statusMessage: string;
  session?: ort.InferenceSession;
  metadata?: ModelMetadata;
  /** Detections accepted and not yet finished. */
  pending: number;
  /** Detections run one after the other: a session runs one inference at a time. */
  queue: Promise<unknown>;
  loading?: Promise<void>;
  releaseLock: () => void;
}

/** How a version's stored status reads when this runtime holds no session for it. */
function statusFromStore(stored: StoredModel): { status: ModelStatusName; statusMessage: string } {
  if (stored.status === 'HOSTING_FAILED') return { status: 'FAILED', statusMessage: stored.statusMessage };
  // TRAINED, or a hosting status left by a runtime that is gone (crashed worker, other tab).
  return { status: 'STOPPED', statusMessage: '' };
}

export class DetectionRuntime {
  private readonly hosted = new Map<string, HostedModel>();
  private readonly source: ModelSource;
  private readonly decoder: ImageDecoder;
  private readonly createSession: (modelBytes: Uint8Array) => Promise<ort.InferenceSession>;
  private readonly maxQueuedDetections: number;
  private readonly maxRunningModels: number;
  private readonly now: () => number;
  private readonly holdHostingLock: (modelVersionId: string) => Promise<(() => void) | null>;

  constructor(options: DetectionRuntimeOptions) {
    this.source = options.source;
    this.decoder = options.decoder;
    this.createSession = options.createSession ?? ((modelBytes) => ort.InferenceSession.create(modelBytes, sessionOptions()));
    this.maxQueuedDetections = options.maxQueuedDetections ?? defaultMaxQueuedDetections;
    this.maxRunningModels = options.maxRunningModels ?? defaultMaxRunningModels;
    this.now = options.now ?? (() => performance.now());
    this.holdHostingLock = options.holdHostingLock ?? (async () => () => undefined);
  }

  async describeModel(modelComponent: string): Promise<ModelDescription> {
    return guarded(async () => {
      const stored = await this.findStored(modelComponent);
      return this.describe(stored);
    });
  }

  async listModels(): Promise<ModelDescription[]> {
    return guarded(async () => (await this.source.list()).map((stored) => this.describe(stored)));
  }

  async startModel(modelComponent: string): Promise<'STARTING'> {
    return guarded(async () => {
      const stored = await this.findStored(modelComponent);
      const { status } = this.describe(stored);
      if (status !== 'STOPPED' && status !== 'FAILED') {
        throw new DetectionRuntimeError('FAILED_PRECONDITION', `${modelComponent} is ${status}; only a STOPPED or FAILED model can be started.`);
      }
      const busy = [...this.hosted.values()].filter((model) => model.status === 'RUNNING' || model.status === 'STARTING').length;
      if (busy >= this.maxRunningModels) {
        throw new DetectionRuntimeError('RESOURCE_EXHAUSTED', `${busy} models are already running; stop one before starting ${modelComponent}.`);
      }
      const releaseLock = await this.holdHostingLock(stored.modelVersionId);
      if (!releaseLock) {
        throw new DetectionRuntimeError('FAILED_PRECONDITION', `${modelComponent} is running in another Spotcheck tab; stop it there, or use it there.`);
      }
      const model: HostedModel = {
        modelVersionId: stored.modelVersionId,
        status: 'STARTING',
        statusMessage: '',
        pending: 0,
        queue: Promise.resolve(),
        releaseLock,
      };
      this.hosted.set(modelComponent, model);
      try {
        await this.source.recordStatus(stored.modelVersionId, 'STARTING_HOSTING');
      } catch (error) {
        this.hosted.delete(modelComponent);
        releaseLock();
        throw error;
      }
      model.loading = this.load(modelComponent, model);
      return 'STARTING' as const;
    });
  }

  /** Resolves once a STARTING model is RUNNING or FAILED (for callers that would otherwise poll). */
  async whenStarted(modelComponent: string): Promise<void> {
    await this.hosted.get(modelComponent)?.loading;
  }

  async stopModel(modelComponent: string): Promise<'STOPPED'> {
    return guarded(async () => {
      const stored = await this.findStored(modelComponent);
      const model = this.hosted.get(modelComponent);
      const status = model?.status ?? this.describe(stored).status;
      if (!model || model.status !== 'RUNNING') {
        throw new DetectionRuntimeError('FAILED_PRECONDITION', `${modelComponent} is ${status}; only a RUNNING model can be stopped.`);
      }
      model.status = 'STOPPING';
      await this.source.recordStatus(model.modelVersionId, 'STOPPING_HOSTING');
      // Detections already running finish; queued ones find the model STOPPING and are refused.
      await model.queue.catch(() => undefined);
      await model.session?.release();
      this.hosted.delete(modelComponent);
      try {
        await this.source.recordStatus(model.modelVersionId, 'TRAINED');
      } finally {
        model.releaseLock();
      }
      return 'STOPPED' as const;
    });
  }

  async detectAnomalies(modelComponent: string, input: DetectionInput): Promise<DetectionOutput> {
    return guarded(async () => {
      checkComponentName(modelComponent);
      const model = this.hosted.get(modelComponent);
      if (!model) {
        const stored = await this.findStored(modelComponent);
        throw notRunning(modelComponent, this.describe(stored).status);
      }
      if (model.status !== 'RUNNING') throw notRunning(modelComponent, model.status);
      if (model.pending >= this.maxQueuedDetections) {
        throw new DetectionRuntimeError(
          'RESOURCE_EXHAUSTED',
          `${model.pending} detections are already waiting for ${modelComponent}; send the next image when one returns.`,
        );
      }
      model.pending += 1;
      try {
        const run = model.queue.catch(() => undefined).then(() => this.detect(modelComponent, model, input));
        model.queue = run;
        return await run;
      } finally {
        model.pending -= 1;
      }
    });
  }

  /**
   * Benchmarks: milliseconds of the packaged model's own run on this input, conversion excluded, queued
   * with the detections (the figure `DetectAnomalies` is compared with).
   */
  async timeModelRun(modelComponent: string, input: DetectionInput): Promise<number> {
    return guarded(async () => {
      const model = this.hosted.get(modelComponent);
      if (!model) throw notRunning(modelComponent, 'STOPPED');
      const run = model.queue
        .catch(() => undefined)
        .then(async () => {
          if (model.status !== 'RUNNING' || !model.session || !model.metadata) throw notRunning(modelComponent, model.status);
          const feeds = { [imageInputName]: rgbImageTensor(await toModelRgb(input, model.metadata.inputSize, this.decoder), model.metadata.inputSize) };
          const started = this.now();
          await model.session.run(feeds);
          return this.now() - started;
        });
      model.queue = run;
      return run;
    });
  }

  private async detect(modelComponent: string, model: HostedModel, input: DetectionInput): Promise<DetectionOutput> {
    if (model.status !== 'RUNNING' || !model.session || !model.metadata) throw notRunning(modelComponent, model.status);
    const started = this.now();
    const { metadata, session } = model;
    const rgb = await toModelRgb(input, metadata.inputSize, this.decoder);
    const threshold = (await this.source.currentThreshold(model.modelVersionId)) ?? metadata.threshold;
    let prediction;
    try {
      prediction = await detectWithPackagedModel(session, rgb, metadata.inputSize.width, metadata.inputSize.height, metadata, { threshold });
    } catch (error) {
      throw new DetectionRuntimeError('INTERNAL', `Inference failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { prediction, latencyMs: this.now() - started };
  }

  private async load(modelComponent: string, model: HostedModel): Promise<void> {
    try {
      const { modelBytes, metadata } = await this.source.load(model.modelVersionId);
      model.session = await this.createSession(modelBytes);
      model.metadata = metadata;
      model.status = 'RUNNING';
      await this.source.recordStatus(model.modelVersionId, 'HOSTED');
    } catch (error) {
      model.status = 'FAILED';
      model.statusMessage = `${modelComponent} could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
      await model.session?.release().catch(() => undefined);
      delete model.session;
      // Best effort: the FAILED status above is what DescribeModel reports even if this write fails.
      await this.source.recordStatus(model.modelVersionId, 'HOSTING_FAILED', model.statusMessage).catch(() => undefined);
      model.releaseLock();
    }
  }

  private describe(stored: StoredModel): ModelDescription {
    const model = this.hosted.get(stored.modelComponent);
    const { status, statusMessage } = model ?? statusFromStore(stored);
    return { model_component: stored.modelComponent, status, status_message: statusMessage };
  }

  private async findStored(modelComponent: string): Promise<StoredModel> {
    checkComponentName(modelComponent);
    const stored = await this.source.find(modelComponent);
    if (!stored) throw new DetectionRuntimeError('NOT_FOUND', `No trained model is called ${modelComponent}.`);
    return stored;
  }
}

function checkComponentName(modelComponent: unknown): void {
  if (!parseModelComponent(modelComponent)) {
    throw new DetectionRuntimeError(
      'INVALID_ARGUMENT',
      `"${String(modelComponent)}" is not a model component; expected <ProjectName>:<ModelVersion>, e.g. parts:3.`,
    );
  }
}

function notRunning(modelComponent: string, status: ModelStatusName): DetectionRuntimeError {
  return new DetectionRuntimeError('FAILED_PRECONDITION', `${modelComponent} is ${status}; start it and wait until it is RUNNING before detecting.`);
}

/** Every failure leaves as a DetectionRuntimeError; anything unforeseen is UNKNOWN. */
async function guarded<Result>(operation: () => Promise<Result>): Promise<Result> {
  try {
    return await operation();
  } catch (error) {
    throw asRuntimeError(error);
  }
}
