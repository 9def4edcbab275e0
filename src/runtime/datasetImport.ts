// One import into one dataset, from picking to commit: zips are opened and images checked in the
// import worker, a CSV label file becomes a manifest first (spec §2.5), and the batch is written
// in one transaction, so a failure, a cancel or a closed tab leaves the dataset as it was. Used by the
// dataset import panel and by captured frames (moved from datasets/import/runImport.ts).
import { proxy } from '../../workers/bridge';
import type { FitMode } from '../../workers/import/inspectImage';
import type { ManifestOrigin, PreparedImport, SourceBlob } from '../../workers/import/prepareImport';
import { convertCsvLabels, type CsvConversion } from '../domain/csvLabels/convert';
import { asFileReadFailure } from '../domain/rules/fileReadFailure';
import { errorIssue, type ValidationIssue } from '../domain/rules/issues';
import { importWorker } from '../app/workers';
import { openSpotcheckDb } from '../storage/db';
import { commitImport, entriesWithOtherPicture, type ImportReport } from '../storage/importCommit';
import { listAnomalyLabels } from '../storage/labels';
import { getProject } from '../storage/projects';
import type { SourceFile } from '../app/fileSources';

export type ImportStage = 'reading' | 'checking' | 'saving';
export type ImportProgressListener = (stage: ImportStage, done: number, total: number) => void;

export interface ImportRequest {
  projectId: string;
  datasetId: string;
  sources: SourceFile[];
  fitMode?: FitMode;
  /** The answer to "replace the stored pictures at the same paths?"; without it the user is asked. */
  replaceChanged?: ReplaceChoice;
  signal: AbortSignal;
  onProgress: ImportProgressListener;
}

export type ReplaceChoice = 'replace' | 'keep';

export type ImportOutcome =
  | { status: 'failed'; errors: ValidationIssue[]; csvReport?: Extract<CsvConversion, { ok: false }> }
  | { status: 'needsFitDecision'; prepared: PreparedImport }
  /** Some paths are in the dataset already, as another picture: `labelledCount` of those carry labels or masks. */
  | { status: 'needsReplaceDecision'; prepared: PreparedImport; changedPaths: string[]; labelledCount: number }
  /**
   * `keptChanged`: items left out because the user kept the stored pictures at their paths; `leftOut`: every other
   * chosen file that was not imported, each naming the file and why.
   */
  | { status: 'imported'; report: ImportReport; prepared: PreparedImport; keptChanged: number; leftOut: ValidationIssue[] };

const zipExtension = '.zip';
const csvExtension = '.csv';

async function expandArchives(sources: SourceFile[], request: ImportRequest): Promise<SourceBlob[]> {
  const expanded: SourceBlob[] = [];
  for (const [done, source] of sources.entries()) {
    request.onProgress('reading', done, sources.length);
    if (source.path.toLowerCase().endsWith(zipExtension)) {
      expanded.push(...(await importWorker.run((api) => api.readArchive(source.file, source.path), request.signal)));
    } else {
      expanded.push({ path: source.path, blob: source.file });
    }
  }
  return expanded;
}

/** A CSV of `image,class` rows stands for a manifest (spec §2.5); with errors nothing is imported. */
async function csvAsManifest(files: SourceBlob[]): Promise<{ files: SourceBlob[]; failure?: Extract<CsvConversion, { ok: false }>; origin?: ManifestOrigin }> {
  const csvFiles = files.filter((file) => file.path.toLowerCase().endsWith(csvExtension));
  if (csvFiles.length !== 1) return { files };
  const csv = csvFiles[0]!;
  const csvText = await csv.blob.text().catch((error: unknown) => {
    throw asFileReadFailure(error, csv.path);
  });
  const conversion = convertCsvLabels({ csvName: csv.path.split('/').at(-1)!, csvText, now: new Date() });
  if (!conversion.ok) return { files, failure: conversion };
  const others = files.filter((file) => file !== csv);
  return {
    files: [...others, { path: conversion.manifestFileName, blob: new Blob([conversion.manifestText]) }],
    origin: { file: csv.path, lines: conversion.sourceLines },
  };
}

export async function prepareDatasetImport(request: ImportRequest): Promise<ImportOutcome> {
  const db = await openSpotcheckDb();
  const [project, labels] = await Promise.all([getProject(db, request.projectId), listAnomalyLabels(db, request.projectId)]);
  const expanded = await csvAsManifest(await expandArchives(request.sources, request));
  if (expanded.failure) return { status: 'failed', errors: [expanded.failure.issue], csvReport: expanded.failure };
  const prepared = await importWorker.run(
    (api) =>
      api.prepareImport(
        {
          files: expanded.files,
          projectSize: project.imageSize,
          existingLabels: labels.map(({ name, color, index }) => ({ name, color, index })),
          ...(request.fitMode ? { fitMode: request.fitMode } : {}),
          ...(expanded.origin ? { manifestOrigin: expanded.origin } : {}),
        },
        proxy((done: number, total: number) => request.onProgress('checking', done, total)),
      ),
    request.signal,
  );
  if (prepared.errors.length > 0) return { status: 'failed', errors: prepared.errors };
  if (prepared.sizeMismatches.length > 0 && !request.fitMode) return { status: 'needsFitDecision', prepared };
  return commitPreparedImport(request, prepared);
}

/**
 * Writes what was prepared; images still waiting for a size decision are left out. Items that
 * would replace another picture at the same path wait for the user's choice (`replaceChanged`).
 */
export async function commitPreparedImport(
  request: Pick<ImportRequest, 'projectId' | 'datasetId' | 'signal' | 'onProgress' | 'replaceChanged'>,
  prepared: PreparedImport,
): Promise<ImportOutcome> {
  // Images of another size still here were left out by the user's choice ("Leave them out").
  const leftOut = [...prepared.skipped, ...prepared.sizeMismatches];
  if (prepared.items.length === 0 || !prepared.imageSize) {
    const nothingLeft = prepared.sizeMismatches.length > 0 ? 'import:nothingLeftAfterLeavingOut' : 'import:nothingToImport';
    return { status: 'failed', errors: [errorIssue(nothingLeft), ...leftOut] };
  }
  const db = await openSpotcheckDb();
  const changed = await entriesWithOtherPicture(db, request.datasetId, prepared.items);
  if (changed.length > 0 && !request.replaceChanged) {
    const labelledCount = changed.filter((entry) => entry.classification !== null || entry.maskId !== null).length;
    return { status: 'needsReplaceDecision', prepared, changedPaths: changed.map((entry) => entry.sourceRef).sort(), labelledCount };
  }
  const keptPaths = new Set(request.replaceChanged === 'keep' ? changed.map((entry) => entry.sourceRef) : []);
  const items = prepared.items.filter((item) => !keptPaths.has(item.sourceRef));
  request.signal.throwIfAborted();
  request.onProgress('saving', 0, items.length);
  const report = await commitImport(db, {
    projectId: request.projectId,
    datasetId: request.datasetId,
    imageSize: prepared.imageSize,
    newLabels: prepared.newLabels,
    items,
    samePath: request.replaceChanged === 'replace' ? 'replaceChanged' : 'ask',
  });
  return { status: 'imported', report, prepared, keptChanged: keptPaths.size, leftOut };
}
