// One manifest line → a normalized entry (spec §2.2–§2.4): key discovery by metadata `type`,
// required keys and types, the real-world deviations of the cookie sample, and every problem
// of the line, not just the first.
import type { ImageClass } from '../types';
import type { MessageParams } from '../errors';
import { errorIssue, hasErrors, warningIssue, type ValidationIssue } from '../rules/issues';
import { normalizeLabelDate } from './dates';
import type { ColorMapEntry, ManifestEntry, ManifestMask } from './types';

export const classificationType = 'groundtruth/image-classification';
export const segmentationType = 'groundtruth/semantic-segmentation';
export const backgroundClassName = 'BACKGROUND';
export const backgroundColor = '#ffffff';

const metadataSuffix = '-metadata';
const hexColorPattern = /^#[0-9a-f]{6}$/i;

type JsonObject = Record<string, unknown>;

export interface ManifestLineResult {
  /** Null for a blank line or a line with errors. */
  entry: ManifestEntry | null;
  issues: ValidationIssue[];
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBackgroundEntry(className: string, hexColor: string): boolean {
  return className.trim().toUpperCase() === backgroundClassName || hexColor.toLowerCase() === backgroundColor;
}

/** Reads the keys of one line, recording each problem with the line's file and number. */
class LineReader {
  readonly issues: ValidationIssue[] = [];

  constructor(
    private readonly file: string,
    private readonly line: number,
  ) {}

  error(code: string, params: MessageParams = {}): void {
    this.issues.push(errorIssue(`import:manifest.${code}`, { file: this.file, line: this.line, ...params }));
  }

  warning(code: string, params: MessageParams = {}): void {
    this.issues.push(warningIssue(`import:manifest.${code}`, { file: this.file, line: this.line, ...params }));
  }

  requiredString(object: JsonObject, key: string, path: string): string | null {
    if (!(key in object)) {
      this.error('missingKey', { key: path });
      return null;
    }
    return this.optionalString(object, key, path);
  }

  optionalString(object: JsonObject, key: string, path: string): string | null {
    const value = object[key];
    if (value === undefined) return null;
    if (typeof value === 'string') return value;
    this.error('wrongType', { key: path, context: 'string' });
    return null;
  }

  requiredObject(object: JsonObject, key: string, path: string): JsonObject | null {
    const value = object[key];
    if (value === undefined) this.error('missingKey', { key: path });
    else if (!isObject(value)) this.error('wrongType', { key: path, context: 'object' });
    return isObject(value) ? value : null;
  }

  humanAnnotated(metadata: JsonObject, metadataKey: string): boolean {
    const path = `${metadataKey}.human-annotated`;
    const value = this.requiredString(metadata, 'human-annotated', path);
    if (value === null) return false;
    const answer = value.trim().toLowerCase();
    if (answer !== 'yes' && answer !== 'no') this.error('wrongType', { key: path, context: 'yesNo' });
    return answer === 'yes';
  }

  /** A date never fails a line (spec §2.4): anything but text is ignored. */
  creationDate(metadata: JsonObject): string | null {
    const value = metadata['creation-date'];
    return typeof value === 'string' ? normalizeLabelDate(value) : null;
  }
}

interface DiscoveredKeys {
  labelKeys: string[];
  maskKeys: string[];
}

/** Spec §2.3: a key X is the label attribute / mask ref when `X-metadata` has the matching `type`. */
function discoverKeys(object: JsonObject, reader: LineReader): DiscoveredKeys {
  const labelKeys: string[] = [];
  const maskKeys: string[] = [];
  for (const metadataKey of Object.keys(object)) {
    if (!metadataKey.endsWith(metadataSuffix)) continue;
    const key = metadataKey.slice(0, -metadataSuffix.length);
    const metadata = object[metadataKey];
    // Unknown keys are ignored; a metadata object is only checked when its key is meant to be used.
    if (!isObject(metadata)) {
      if (key in object) reader.error('wrongType', { key: metadataKey, context: 'object' });
      continue;
    }
    const type = metadata['type'];
    if (type === classificationType) labelKeys.push(key);
    else if (type === segmentationType && key.endsWith('-ref') && key !== 'source-ref') maskKeys.push(key);
    else if (type === segmentationType) reader.error('maskKeyName', { key });
    else if (key in object && typeof type !== 'string') {
      reader.error(type === undefined ? 'missingKey' : 'wrongType', { key: `${metadataKey}.type`, context: 'string' });
    }
  }
  if (labelKeys.length > 1) reader.error('ambiguousKeys_label', { keys: labelKeys.join(', ') });
  if (maskKeys.length > 1) reader.error('ambiguousKeys_mask', { keys: maskKeys.join(', ') });
  return { labelKeys, maskKeys };
}

function readClassification(className: string, reader: LineReader): ImageClass | null {
  const normalized = className.trim().toLowerCase();
  if (normalized === 'normal' || normalized === 'anomaly') return normalized;
  reader.warning('unknownClass', { className });
  return null;
}

function readColorMap(map: JsonObject, mapPath: string, reader: LineReader): ColorMapEntry[] {
  const entries: ColorMapEntry[] = [];
  const classByColor = new Map<string, string>();
  for (const [mapKey, value] of Object.entries(map)) {
    const path = `${mapPath}.${mapKey}`;
    if (!isObject(value)) {
      reader.error('wrongType', { key: path, context: 'object' });
      continue;
    }
    const className = reader.requiredString(value, 'class-name', `${path}.class-name`);
    const hex = reader.requiredString(value, 'hex-color', `${path}.hex-color`);
    if (hex !== null && !hexColorPattern.test(hex)) reader.error('badColor', { key: `${path}.hex-color`, value: hex });
    if (className === null || hex === null || !hexColorPattern.test(hex)) continue;
    const hexColor = hex.toLowerCase();
    const holder = classByColor.get(hexColor);
    if (holder !== undefined && holder !== className) reader.error('duplicateColor', { color: hexColor, first: holder, second: className });
    classByColor.set(hexColor, className);
    entries.push({ className, hexColor, isBackground: isBackgroundEntry(className, hexColor) });
  }
  return entries;
}

function readMask(object: JsonObject, refKey: string, reader: LineReader): ManifestMask | null {
  const ref = reader.requiredString(object, refKey, refKey);
  const metadataKey = refKey + metadataSuffix;
  // discoverKeys only returns keys whose metadata is an object.
  const metadata = object[metadataKey] as JsonObject;
  const mapPath = `${metadataKey}.internal-color-map`;
  const map = reader.requiredObject(metadata, 'internal-color-map', mapPath);
  const colorMap = map ? readColorMap(map, mapPath, reader) : [];
  const humanAnnotated = reader.humanAnnotated(metadata, metadataKey);
  const jobName = reader.optionalString(metadata, 'job-name', `${metadataKey}.job-name`);
  if (ref === null) return null;
  return { ref, refKey, colorMap, humanAnnotated, creationDate: reader.creationDate(metadata), jobName };
}

/**
 * `file` names the manifest in messages. Blank lines give neither entry nor issues; a line
 * with only `source-ref` is an unlabeled image.
 */
export function parseManifestLine(text: string, lineNumber: number, file: string): ManifestLineResult {
  const reader = new LineReader(file, lineNumber);
  if (text.trim() === '') return { entry: null, issues: [] };
  let object: unknown;
  try {
    object = JSON.parse(text);
  } catch {
    reader.error('notJson');
    return { entry: null, issues: reader.issues };
  }
  if (!isObject(object)) {
    reader.error('notObject');
    return { entry: null, issues: reader.issues };
  }

  const sourceRef = reader.requiredString(object, 'source-ref', 'source-ref');
  const { labelKeys, maskKeys } = discoverKeys(object, reader);
  const [labelKey] = labelKeys;
  const [maskKey] = maskKeys;
  const entry: ManifestEntry = {
    lineNumber,
    sourceRef: sourceRef ?? '',
    classification: null,
    humanAnnotated: false,
    creationDate: null,
    jobName: null,
    mask: null,
  };

  if (labelKey !== undefined) {
    // The attribute's value must be present but is ignored: class-name always wins (spec §2.2).
    if (!(labelKey in object)) reader.error('missingKey', { key: labelKey });
    const metadataKey = labelKey + metadataSuffix;
    // discoverKeys only returns keys whose metadata is an object.
    const metadata = object[metadataKey] as JsonObject;
    const className = reader.requiredString(metadata, 'class-name', `${metadataKey}.class-name`);
    entry.classification = className === null ? null : readClassification(className, reader);
    entry.humanAnnotated = reader.humanAnnotated(metadata, metadataKey);
    entry.jobName = reader.optionalString(metadata, 'job-name', `${metadataKey}.job-name`);
    entry.creationDate = reader.creationDate(metadata);
  } else if (maskKey !== undefined) {
    reader.error('maskWithoutLabel', { key: maskKey });
  }

  const mask = maskKey === undefined ? null : readMask(object, maskKey, reader);
  if (hasErrors(reader.issues)) return { entry: null, issues: reader.issues };
  if (mask && entry.classification !== 'anomaly') {
    reader.warning('maskIgnored', { image: entry.sourceRef, mask: mask.ref, context: entry.classification ?? 'unlabeled' });
  } else {
    entry.mask = mask;
  }
  return { entry, issues: reader.issues };
}
