// The bench page (browser runtime): writes the dataset into IndexedDB as an import would, trains it with
// runTraining (the training worker), then starts the model in the detection worker and times
// DetectAnomalies (interleaved with the packaged model alone), then the camera loop on the fake camera.
// It runs exactly the app's worker path; the Node side only serves files and reads the result.
import { detectionWorker } from '../../../src/app/workers';
import { runTraining } from '../../../src/models/training/runTraining';
import { openSpotcheckDb } from '../../../src/storage/db';
import { listDatasets, listEntries } from '../../../src/storage/datasets';
import { writeNewProject } from '../../../src/storage/importProject';
import { modelArtifactNames, readModelArtifact } from '../../../src/storage/modelFiles';
import type { ModelVersion } from '../../../src/domain/types';
import type { RgbaFrame } from '../../../src/contracts/detectionWorkerApi';
import { measureCameraLoop } from './cameraLoop';
import { timeDetections } from './detectionTiming';
import { benchDataPath, benchFilePath, trainedMarker, type BenchData, type PageBenchResult } from './protocol';

const projectName = 'bench';

async function fetchBlob(name: string): Promise<Blob> {
  const response = await fetch(`${benchFilePath}${name}`);
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return response.blob();
}

async function frameOf(blob: Blob, size: { width: number; height: number }): Promise<RgbaFrame> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(size.width, size.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  bitmap.close();
  return { width: size.width, height: size.height, data: context.getImageData(0, 0, size.width, size.height).data };
}

async function runBench(): Promise<PageBenchResult> {
  const data = (await (await fetch(benchDataPath)).json()) as BenchData;
  const databaseName = `spotcheck-bench-${crypto.randomUUID()}`;
  const db = await openSpotcheckDb(databaseName);
  const files = new Map(await Promise.all(data.items.map(async (item) => [item.id, await fetchBlob(item.file)] as const)));
  const masks = new Map(await Promise.all(data.items.filter((item) => item.mask).map(async (item) => [item.id, await fetchBlob(item.mask!)] as const)));
  const project = await writeNewProject(db, {
    name: projectName,
    imageSize: data.imageSize,
    modelType: data.labels.length > 0 ? 'segmentation' : 'classification',
    labels: data.labels,
    datasets: (['train', 'test'] as const).flatMap((type) => {
      const items = data.items.filter((item) => item.dataset === type);
      return items.length === 0
        ? []
        : [
            {
              type,
              entries: items.map((item) => ({
                sourceRef: item.id,
                image: files.get(item.id)!,
                ...data.imageSize,
                classification: item.classification,
                labelNames: item.labelNames,
                ...(masks.has(item.id) ? { mask: masks.get(item.id)! } : {}),
              })),
            },
          ];
    }),
  });
  const entryIdOf = new Map<string, string>();
  for (const dataset of await listDatasets(db, project.id)) for (const entry of await listEntries(db, dataset.id)) entryIdOf.set(entry.sourceRef, entry.id);
  // Benchmark datasets need not meet the spec §5 minimums (createModelVersion's check), so the
  // TRAINING version is written as createModelVersion would write it.
  const version: ModelVersion = {
    id: crypto.randomUUID(),
    projectId: project.id,
    version: 1,
    status: 'TRAINING',
    statusMessage: '',
    createdAt: new Date().toISOString(),
    description: 'benchmark',
    tags: [],
    modelType: data.labels.length > 0 ? 'segmentation' : 'classification',
    idempotencyKey: databaseName,
  };
  await db.put('modelVersions', version);

  const started = performance.now();
  const trained = await runTraining(db, version.id, {
    backend: data.backend,
    seed: data.seed,
    backboneId: data.backboneId,
    ...(data.split
      ? { split: { trainIds: data.split.trainIds.map((id) => entryIdOf.get(id)!), testIds: data.split.testIds.map((id) => entryIdOf.get(id)!) } }
      : {}),
  });
  const trainMs = performance.now() - started;
  console.info(trainedMarker);

  const readJson = async (name: string) => JSON.parse(await (await readModelArtifact(db, version.id, name))!.text()) as unknown;
  const evaluation = (await readJson(modelArtifactNames.evaluation)) as { perImage: { entryId: string; prediction: { isAnomalous: boolean } }[] };
  const modelBytes = (await readModelArtifact(db, version.id, modelArtifactNames.model))!.size;
  const sourceRefOf = new Map([...entryIdOf].map(([sourceRef, id]) => [id, sourceRef]));
  const testIds = trained.split!.testIds.map((id) => sourceRefOf.get(id)!);

  const component = `${projectName}:${version.version}`;
  await detectionWorker.run((api) => api.useDatabase(databaseName));
  await detectionWorker.run((api) => api.startModel(component));
  for (;;) {
    const { status, status_message } = await detectionWorker.run((api) => api.describeModel(component));
    if (status === 'RUNNING') break;
    if (status !== 'STARTING') throw new Error(`${component} ${status}: ${status_message}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const samples = await Promise.all(testIds.map(async (id) => ({ id, frame: await frameOf(files.get(id)!, data.imageSize), file: files.get(id)! })));
  const { predictions, ...timings } = await timeDetections(component, samples);
  const evaluated = new Map(evaluation.perImage.map((image) => [sourceRefOf.get(image.entryId)!, image.prediction.isAnomalous]));
  const verdictMismatches = testIds.filter((id) => predictions.get(id)!.isAnomalous !== evaluated.get(id));
  // The detection worker's own ORT, settled by the session just used (the page never starts one).
  const threads = await detectionWorker.run((api) => api.wasmThreads());
  const executionProvider = await detectionWorker.run((api) => api.executionProvider());
  const camera = await measureCameraLoop({ db, projectId: project.id, projectSize: data.imageSize, modelComponent: component, modelVersion: version.version });
  await detectionWorker.run((api) => api.stopModel(component));
  return {
    threads: threads ?? 0,
    executionProvider,
    ...(camera ? { camera } : {}),
    trainMs,
    ...timings,
    modelBytes,
    metadata: await readJson(modelArtifactNames.metadata),
    evaluation,
    testImages: testIds.length,
    trainImages: trained.split!.trainIds.length,
    verdictMismatches,
  };
}

(globalThis as { runSpotcheckBench?: () => Promise<PageBenchResult> }).runSpotcheckBench = runBench;
