// Benchmark inputs (Node only): a manifest file or a folder with normal/ and anomaly/ subfolders, decoded
// to RGB888 training images; manifest refs resolve as the importer does (spec §2.1) over the manifest's folder,
// and masks become label-index masks of one label registry, as a project import would make them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import jpeg from 'jpeg-js';
import { classifyByFolder } from '../../src/domain/manifest/folders';
import { parseManifest } from '../../src/domain/manifest/parse';
import { PathIndex, resolveReference } from '../../src/domain/manifest/references';
import { LabelRegistry } from '../../src/domain/masks/labelRegistry';
import { importMask } from '../../src/domain/masks/importMask';
import type { ColorMapEntry } from '../../src/domain/manifest/types';
import { decodePng } from '../../src/domain/png';
import { sniffImageFormat } from '../../src/domain/rules/imageFile';
import type { SplitCandidate } from '../../src/domain/split';
import type { TrainingImage } from '../../workers/engine/training';
import type { SegmentationLabel } from '../../src/contracts/modelMetadata';

export interface LoadedDataset {
  images: TrainingImage[];
  candidates: SplitCandidate[];
  /** The anomaly labels the masks use (empty without masks). */
  labels: SegmentationLabel[];
}

interface MaskFile {
  file: string;
  ref: string;
  line: number;
  colorMap: ColorMapEntry[];
}

interface LabelledFile {
  path: string;
  file: string;
  classification: 'normal' | 'anomaly';
  labels: string[];
  mask?: MaskFile;
}

/** `registry` carries the labels over from the train set to the test set, so their indices agree. */
export function loadDataset(source: string, idPrefix: string, registry = new LabelRegistry([])): LoadedDataset {
  return statSync(source).isDirectory() ? loadFolder(source, idPrefix, registry) : loadManifest(source, idPrefix, registry);
}

function filesUnder(root: string, directory = root): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(root, join(directory, entry.name)) : [relative(root, join(directory, entry.name)).replaceAll('\\', '/')],
  );
}

function loadFolder(folder: string, idPrefix: string, registry: LabelRegistry): LoadedDataset {
  const labelled = filesUnder(folder)
    .map((path) => ({ path, classification: classifyByFolder(path) }))
    .filter((file): file is { path: string; classification: 'normal' | 'anomaly' } => file.classification !== null && isImageName(file.path));
  if (labelled.length === 0) throw new Error(`${folder}: no images under normal/ or anomaly/`);
  return build(
    labelled.map((file) => ({ ...file, file: join(folder, file.path), labels: [] })),
    idPrefix,
    registry,
  );
}

function loadManifest(manifestFile: string, idPrefix: string, registry: LabelRegistry): LoadedDataset {
  const folder = dirname(manifestFile);
  const name = basename(manifestFile);
  const parsed = parseManifest(readFileSync(manifestFile, 'utf8'), name);
  const errors = parsed.issues.filter((issue) => issue.severity === 'error');
  if (errors.length > 0) throw new Error(`${manifestFile}: ${errors.map((issue) => `${issue.code} ${JSON.stringify(issue.params)}`).join('; ')}`);
  const index = new PathIndex(filesUnder(folder));
  const labelled = parsed.entries.flatMap((entry) => {
    if (entry.classification === null) return [];
    const resolved = resolveReference(entry.sourceRef, index, { file: name, line: entry.lineNumber });
    if (!resolved.ok) throw new Error(`${manifestFile} line ${entry.lineNumber}: ${entry.sourceRef}: ${resolved.issue.code}`);
    const labels = entry.mask?.colorMap.filter((label) => !label.isBackground).map((label) => label.className) ?? [];
    const file: LabelledFile = { path: resolved.path, file: join(folder, resolved.path), classification: entry.classification, labels };
    if (entry.mask) {
      const maskResolved = resolveReference(entry.mask.ref, index, { file: name, line: entry.lineNumber });
      if (!maskResolved.ok) throw new Error(`${manifestFile} line ${entry.lineNumber}: ${entry.mask.ref}: ${maskResolved.issue.code}`);
      file.mask = { file: join(folder, maskResolved.path), ref: entry.mask.ref, line: entry.lineNumber, colorMap: entry.mask.colorMap };
    }
    return [file];
  });
  return build(labelled, idPrefix, registry);
}

function build(files: readonly LabelledFile[], idPrefix: string, registry: LabelRegistry): LoadedDataset {
  const images: TrainingImage[] = files.map(({ path, file, classification, mask }) => {
    const image = decodeRgb(file);
    return { id: `${idPrefix}${path}`, classification, ...image, ...(mask ? { mask: labelMaskOf(mask, image, registry) } : {}) };
  });
  const candidates = files.map(({ path, classification, labels }) => ({ id: `${idPrefix}${path}`, classification, anomalyLabelIds: labels }));
  return { images, candidates, labels: [...registry.added] };
}

function labelMaskOf(mask: MaskFile, imageSize: { width: number; height: number }, registry: LabelRegistry): Uint8Array {
  const imported = importMask({
    maskBytes: new Uint8Array(readFileSync(mask.file)),
    mask: mask.ref,
    line: mask.line,
    colorMap: mask.colorMap,
    imageSize,
    registry,
  });
  if (!imported.mask) throw new Error(`${mask.file}: ${imported.issues.map((issue) => `${issue.code} ${JSON.stringify(issue.params)}`).join('; ')}`);
  return imported.mask.labelIndices;
}

function isImageName(path: string): boolean {
  return /\.(png|jpe?g)$/i.test(path);
}

/** PNG or JPEG (by content, spec §4.2) → packed RGB888. */
export function decodeRgb(file: string): { rgb: Uint8Array; width: number; height: number } {
  const bytes = new Uint8Array(readFileSync(file));
  const format = sniffImageFormat(bytes.subarray(0, 8));
  if (format === 'jpeg') {
    const { data, width, height } = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false });
    return { rgb: data, width, height };
  }
  if (format !== 'png') throw new Error(`${file}: neither PNG nor JPEG`);
  const { rgba, width, height } = decodePng(bytes);
  const rgb = new Uint8Array(width * height * 3);
  for (let pixel = 0; pixel < width * height; pixel += 1) rgb.set(rgba.subarray(pixel * 4, pixel * 4 + 3), pixel * 3);
  return { rgb, width, height };
}
