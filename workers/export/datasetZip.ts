// Writes a dataset export ZIP (spec §3.1): datasets/<type>.manifest plus <type>/images/<key> and
// opaque colour PNG masks <type>/masks/<key>.png (background #ffffff, no anti-aliasing), so the
// zip re-imports into Spotcheck and loads into Lookout for Vision unchanged.
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { formatClassificationLine, formatSegmentationLine } from '../../src/domain/manifest/format';
import { decodeLabelMaskPng, encodeRgbaPng } from '../../src/domain/png';
import { rgbOfHex } from '../../src/domain/labelColors';
import type { AnomalyLabel, Dataset, DatasetEntry } from '../../src/domain/types';
import type { ExportSource } from '../../src/storage/exportData';

export interface ExportReport {
  zip: Blob;
  /** Source-refs of entries whose image was missing (spec §8: "Left out of export: …"). */
  leftOut: string[];
  exported: number;
}

const backgroundRgb = [255, 255, 255] as const;

/** The original key, with an s3://bucket/ prefix and leading slashes dropped, so it nests under the zip root. */
export function exportKey(sourceRef: string): string {
  return sourceRef
    .replace(/^s3:\/\/[^/]+\//i, '')
    .replace(/^\/+/, '')
    .replaceAll('\\', '/');
}

function maskKey(sourceRef: string): string {
  return exportKey(sourceRef).replace(/\.[^./]*$/, '') + '.png';
}

function colourMask(labelMaskPng: Uint8Array, labels: readonly AnomalyLabel[]): Uint8Array {
  const { width, height, mask } = decodeLabelMaskPng(labelMaskPng);
  const rgbByIndex = new Map(labels.map((label) => [label.index, rgbOfHex(label.color)]));
  const rgba = new Uint8Array(width * height * 4);
  for (let pixel = 0; pixel < mask.length; pixel++) {
    rgba.set(rgbByIndex.get(mask[pixel]!) ?? backgroundRgb, pixel * 4);
    rgba[pixel * 4 + 3] = 255;
  }
  return encodeRgbaPng(rgba, width, height);
}

function manifestLine(type: Dataset['type'], entry: DatasetEntry, hasMask: boolean, labels: readonly AnomalyLabel[]): string {
  const fields = {
    sourceRef: `${type}/images/${exportKey(entry.sourceRef)}`,
    classification: entry.classification,
    humanAnnotated: entry.humanAnnotated,
    creationDate: entry.createdAt || null,
    jobName: entry.jobName || null,
  };
  if (!hasMask) return formatClassificationLine(fields);
  const mask = {
    ref: `${type}/masks/${maskKey(entry.sourceRef)}`,
    humanAnnotated: entry.humanAnnotated,
    creationDate: fields.creationDate,
    jobName: fields.jobName,
  };
  return formatSegmentationLine({ ...fields, mask }, labels);
}

export async function buildDatasetZip(source: ExportSource): Promise<ExportReport> {
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk as Uint8Array<ArrayBuffer>);
  });
  const add = (path: string, bytes: Uint8Array, compress: boolean) => {
    const file = compress ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
    zip.add(file);
    file.push(bytes, true);
  };
  const leftOut: string[] = [];
  let exported = 0;
  for (const { dataset, entries } of source.datasets) {
    const lines: string[] = [];
    for (const { entry, image, mask } of entries) {
      if (!image) {
        leftOut.push(entry.sourceRef);
        continue;
      }
      // Images are JPEG/PNG already: storing them uncompressed costs nothing and saves time.
      add(`${dataset.type}/images/${exportKey(entry.sourceRef)}`, new Uint8Array(await image.arrayBuffer()), false);
      const hasMask = mask !== undefined && entry.classification === 'anomaly';
      if (hasMask) add(`${dataset.type}/masks/${maskKey(entry.sourceRef)}`, colourMask(new Uint8Array(await mask.arrayBuffer()), source.labels), true);
      lines.push(manifestLine(dataset.type, entry, hasMask, source.labels));
      exported++;
    }
    add(`datasets/${dataset.type}.manifest`, new TextEncoder().encode(lines.join('\n') + '\n'), true);
  }
  zip.end();
  if (failure) throw failure;
  return { zip: new Blob(chunks, { type: 'application/zip' }), leftOut, exported };
}
