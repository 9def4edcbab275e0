// Turns the files a user handed over into a batch ready to commit: a folder import labels images
// by their first-level folder (spec §2.6); a manifest import resolves every line's image and mask
// and decodes masks into the project's label indices (spec §2.1–2.4). Runs in the import worker.
import { ManifestReader } from '../../src/domain/manifest/parse';
import { LineSplitter, checkManifestSize } from '../../src/domain/manifest/lines';
import { imageCandidatePaths, PathIndex, resolveReference } from '../../src/domain/manifest/references';
import { classifyByFolder } from '../../src/domain/manifest/folders';
import type { ManifestEntry } from '../../src/domain/manifest/types';
import { importMask } from '../../src/domain/masks/importMask';
import { LabelRegistry, type RegistryLabel } from '../../src/domain/masks/labelRegistry';
import { encodeLabelMaskPng } from '../../src/domain/png';
import { asFileReadFailure } from '../../src/domain/rules/fileReadFailure';
import { errorIssue, hasErrors, type ValidationIssue } from '../../src/domain/rules/issues';
import type { ImageClass, ImageSize } from '../../src/domain/types';
import type { ImportItem } from '../../src/storage/importPlan';
import type { LabelDraft } from '../../src/storage/labelRules';
import { inspectImage, type FitMode, type InspectedImage } from './inspectImage';

export interface SourceBlob {
  path: string;
  blob: Blob;
}

export interface PrepareImportInput {
  files: SourceBlob[];
  projectSize: ImageSize | null;
  existingLabels: RegistryLabel[];
  /** The answer to the §5 offer for images of another size; without it they are listed, not fitted. */
  fitMode?: FitMode;
  /** Set when the manifest was written from a CSV label file: messages name that file and its lines. */
  manifestOrigin?: ManifestOrigin;
}

export interface ManifestOrigin {
  file: string;
  /** The origin's line for each manifest line, in order. */
  lines: number[];
}

export interface PreparedImport {
  kind: 'folder' | 'manifest';
  items: ImportItem[];
  newLabels: LabelDraft[];
  /** The size every item has, or null when nothing was importable. */
  imageSize: ImageSize | null;
  /** Problems that stop the whole import (manifest lines, masks): nothing is imported. */
  errors: ValidationIssue[];
  /** Files left out (not an image, damaged, too small…); the rest imports. */
  skipped: ValidationIssue[];
  warnings: ValidationIssue[];
  /** Files of another size than the project's, waiting for the resize/crop decision: each one's `import:image.sizeMismatch`. */
  sizeMismatches: ValidationIssue[];
  /** Files that were resized or cropped to the project size. */
  fitted: string[];
}

export type ImportProgress = (done: number, total: number) => void;

const manifestExtension = '.manifest';
const jobNameForFolders = 'spotcheck-folder-import';

function emptyResult(kind: PreparedImport['kind']): PreparedImport {
  return { kind, items: [], newLabels: [], imageSize: null, errors: [], skipped: [], warnings: [], sizeMismatches: [], fitted: [] };
}

async function readManifest(file: SourceBlob): Promise<{ entries: ManifestEntry[]; issues: ValidationIssue[] }> {
  const sizeIssue = checkManifestSize(file.path, file.blob.size);
  if (sizeIssue) return { entries: [], issues: [sizeIssue] };
  const splitter = new LineSplitter();
  const reader = new ManifestReader(file.path);
  const decoder = new TextDecoder();
  const stream = file.blob.stream().getReader();
  for (;;) {
    const { done, value } = await stream.read();
    if (done) break;
    for (const line of splitter.push(decoder.decode(value, { stream: true }))) reader.push(line);
  }
  for (const line of [...splitter.push(decoder.decode()), ...splitter.end()]) reader.push(line);
  return reader.finish();
}

interface Candidate {
  path: string;
  blob: Blob;
  sourceRef: string;
  classification: ImageClass | null;
  humanAnnotated: boolean;
  createdAt?: string;
  jobName: string;
  manifestEntry?: ManifestEntry;
  maskBlob?: Blob;
}

function folderCandidates(files: SourceBlob[]): Candidate[] {
  return files.map(({ path, blob }) => {
    const classification = classifyByFolder(path);
    return { path, blob, sourceRef: path, classification, humanAnnotated: classification !== null, jobName: jobNameForFolders };
  });
}

function manifestCandidates(
  manifest: SourceBlob,
  entries: ManifestEntry[],
  files: SourceBlob[],
  issues: ValidationIssue[],
  origin?: ManifestOrigin,
): Candidate[] {
  const blobByPath = new Map(files.map((file) => [file.path, file.blob]));
  const allFiles = new PathIndex(blobByPath.keys());
  const siteOf = (entry: ManifestEntry) =>
    origin ? { file: origin.file, line: origin.lines[entry.lineNumber - 1] ?? entry.lineNumber } : { file: manifest.path, line: entry.lineNumber };
  const masks = entries.map((entry) => (entry.mask ? resolveReference(entry.mask.ref, allFiles, siteOf(entry)) : null));
  const maskPaths = new Set(masks.flatMap((mask) => (mask?.ok ? [mask.path] : [])));
  const images = new PathIndex(imageCandidatePaths(blobByPath.keys(), maskPaths));
  const candidates: Candidate[] = [];
  for (const [position, entry] of entries.entries()) {
    const image = resolveReference(entry.sourceRef, images, siteOf(entry));
    const mask = masks[position]!;
    if (!image.ok) issues.push(image.issue);
    if (mask && !mask.ok) issues.push(mask.issue);
    if (!image.ok || (mask && !mask.ok)) continue;
    candidates.push({
      path: image.path,
      blob: blobByPath.get(image.path)!,
      sourceRef: entry.sourceRef,
      classification: entry.classification,
      humanAnnotated: entry.humanAnnotated,
      ...(entry.creationDate ? { createdAt: entry.creationDate } : {}),
      jobName: entry.jobName ?? '',
      manifestEntry: entry,
      ...(mask?.ok ? { maskBlob: blobByPath.get(mask.path)! } : {}),
    });
  }
  return candidates;
}

/** Picks the import kind: one manifest among the files makes it a manifest import. */
function splitManifest(files: SourceBlob[]): { manifest: SourceBlob | null; others: SourceBlob[]; issue: ValidationIssue | null } {
  const manifests = files.filter((file) => file.path.toLowerCase().endsWith(manifestExtension));
  const others = files.filter((file) => !manifests.includes(file));
  if (manifests.length > 1) {
    return { manifest: null, others, issue: errorIssue('import:manifest.several', { files: manifests.map((file) => file.path).join(', ') }) };
  }
  return { manifest: manifests[0] ?? null, others, issue: null };
}

export async function prepareImport(input: PrepareImportInput, onProgress?: ImportProgress): Promise<PreparedImport> {
  const { manifest, others, issue } = splitManifest(input.files);
  const result = emptyResult(manifest ? 'manifest' : 'folder');
  if (issue) return { ...result, errors: [issue] };

  let candidates: Candidate[];
  if (manifest) {
    const parsed = await readManifest(manifest).catch((error: unknown) => {
      throw asFileReadFailure(error, manifest.path);
    });
    result.warnings.push(...parsed.issues.filter((found) => found.severity === 'warning'));
    result.errors.push(...parsed.issues.filter((found) => found.severity === 'error'));
    candidates = manifestCandidates(manifest, parsed.entries, others, result.errors, input.manifestOrigin);
    if (hasErrors(result.errors)) return result;
  } else {
    candidates = folderCandidates(others);
  }

  const registry = new LabelRegistry(input.existingLabels);
  let size = input.projectSize;
  for (const [done, candidate] of candidates.entries()) {
    onProgress?.(done, candidates.length);
    const inspected = await inspectImage(candidate.path, candidate.blob, size, input.fitMode).catch((error: unknown) => {
      throw asFileReadFailure(error, candidate.path);
    });
    if (!inspected.ok) {
      const mismatch = inspected.issues.length === 1 && inspected.issues[0]!.code === 'import:image.sizeMismatch';
      if (mismatch) result.sizeMismatches.push(inspected.issues[0]!);
      else result.skipped.push(...inspected.issues);
      continue;
    }
    result.warnings.push(...inspected.warnings);
    size ??= { width: inspected.image.width, height: inspected.image.height };
    if (inspected.image.fitted) result.fitted.push(candidate.path);
    const mask = await maskFor(candidate, inspected.image, registry, result).catch((error: unknown) => {
      throw asFileReadFailure(error, candidate.manifestEntry?.mask?.ref ?? candidate.path);
    });
    result.items.push(toItem(candidate, inspected.image, mask));
  }
  onProgress?.(candidates.length, candidates.length);
  result.imageSize = size;
  result.newLabels = registry.added.map(({ name, color }) => ({ name, color }));
  return result;
}

async function maskFor(
  candidate: Candidate,
  image: InspectedImage,
  registry: LabelRegistry,
  { errors, warnings }: Pick<PreparedImport, 'errors' | 'warnings'>,
): Promise<{ blob: Blob; labels: string[] } | null> {
  const maskMeta = candidate.manifestEntry?.mask;
  if (!maskMeta || !candidate.maskBlob) return null;
  const { mask, issues } = importMask({
    maskBytes: new Uint8Array(await candidate.maskBlob.arrayBuffer()),
    mask: maskMeta.ref,
    line: candidate.manifestEntry!.lineNumber,
    colorMap: maskMeta.colorMap,
    imageSize: image.fitted ? { width: image.fitted.originalWidth, height: image.fitted.originalHeight } : { width: image.width, height: image.height },
    registry,
  });
  errors.push(...issues.filter((found) => found.severity === 'error'));
  warnings.push(...issues.filter((found) => found.severity === 'warning'));
  if (!mask) return null;
  if (image.fitted) {
    // A mask is exact pixels; resizing it would invent labels at the edges, so it must match as is.
    errors.push(errorIssue('import:mask.cannotFit', { mask: maskMeta.ref, file: candidate.path }));
    return null;
  }
  const png = encodeLabelMaskPng(mask.labelIndices, mask.width, mask.height);
  return { blob: new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' }), labels: mask.labels };
}

function toItem(candidate: Candidate, image: InspectedImage, mask: { blob: Blob; labels: string[] } | null): ImportItem {
  return {
    sourceRef: candidate.sourceRef,
    contentHash: image.contentHash,
    image: image.image,
    thumbnail: image.thumbnail,
    width: image.width,
    height: image.height,
    classification: candidate.classification,
    humanAnnotated: candidate.humanAnnotated,
    ...(candidate.createdAt ? { createdAt: candidate.createdAt } : {}),
    jobName: candidate.jobName,
    ...(mask ? { mask: mask.blob } : {}),
    labelNames: mask?.labels ?? [],
  };
}
