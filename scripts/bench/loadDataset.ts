// Benchmark inputs (Node only): a manifest file or a folder with normal/ and anomaly/ subfolders, decoded
// to RGB888 training images; manifest refs resolve as the importer does (spec §2.1) over the manifest's folder.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import jpeg from 'jpeg-js';
import { classifyByFolder } from '../../src/domain/manifest/folders';
import { parseManifest } from '../../src/domain/manifest/parse';
import { PathIndex, resolveReference } from '../../src/domain/manifest/references';
import { decodePng } from '../../src/domain/png';
import { sniffImageFormat } from '../../src/domain/rules/imageFile';
import type { SplitCandidate } from '../../src/domain/split';
import type { TrainingImage } from '../../workers/engine/training';

export interface LoadedDataset {
  images: TrainingImage[];
  candidates: SplitCandidate[];
}

export function loadDataset(source: string, idPrefix: string): LoadedDataset {
  return statSync(source).isDirectory() ? loadFolder(source, idPrefix) : loadManifest(source, idPrefix);
}

function filesUnder(root: string, directory = root): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(root, join(directory, entry.name)) : [relative(root, join(directory, entry.name)).replaceAll('\\', '/')]);
}

function loadFolder(folder: string, idPrefix: string): LoadedDataset {
  const labelled = filesUnder(folder)
    .map((path) => ({ path, classification: classifyByFolder(path) }))
    .filter((file): file is { path: string; classification: 'normal' | 'anomaly' } => file.classification !== null && isImageName(file.path));
  if (labelled.length === 0) throw new Error(`${folder}: no images under normal/ or anomaly/`);
  return build(labelled.map((file) => ({ ...file, file: join(folder, file.path), labels: [] })), idPrefix);
}

function loadManifest(manifestFile: string, idPrefix: string): LoadedDataset {
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
    return [{ path: resolved.path, file: join(folder, resolved.path), classification: entry.classification, labels }];
  });
  return build(labelled, idPrefix);
}

function build(files: readonly { path: string; file: string; classification: 'normal' | 'anomaly'; labels: string[] }[], idPrefix: string): LoadedDataset {
  const images = files.map(({ path, file, classification }) => ({ id: `${idPrefix}${path}`, classification, ...decodeRgb(file) }));
  const candidates = files.map(({ path, classification, labels }) => ({ id: `${idPrefix}${path}`, classification, anomalyLabelIds: labels }));
  return { images, candidates };
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
