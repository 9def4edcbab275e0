// Manifest lines → normalized entries (spec §2.1–§2.4), the streamed line splitter, dates, and
// the writers whose output must parse back to the same entries.
import { describe, expect, it } from 'vitest';
import { formatGroundTruthDate, normalizeLabelDate } from '../../src/domain/manifest/dates';
import { formatClassificationLine, formatSegmentationLine } from '../../src/domain/manifest/format';
import { LineSplitter } from '../../src/domain/manifest/lines';
import { ManifestReader, parseManifest } from '../../src/domain/manifest/parse';
import { parseManifestLine } from '../../src/domain/manifest/parseLine';
import type { ManifestEntry } from '../../src/domain/manifest/types';

const file = 'train.manifest';

const classificationLine = JSON.stringify({
  'source-ref': 's3://bucket/parts/img_0001.png',
  'anomaly-label': 1,
  'anomaly-label-metadata': {
    confidence: 1,
    'job-name': 'labeling-job/parts',
    'class-name': 'anomaly',
    'human-annotated': 'yes',
    'creation-date': '2020-11-10T03:37:09.600',
    type: 'groundtruth/image-classification',
  },
});

const segmentationObject = {
  'source-ref': 's3://bucket/parts/img_0042.jpg',
  'anomaly-label': 1,
  'anomaly-label-metadata': {
    'class-name': 'anomaly',
    'human-annotated': 'yes',
    confidence: 1,
    'job-name': 'labeling-job/parts',
    'creation-date': '2021-10-12T14:16:45.668',
    type: 'groundtruth/image-classification',
  },
  'anomaly-mask-ref': 's3://bucket/masks/img_0042.png',
  'anomaly-mask-ref-metadata': {
    'internal-color-map': {
      0: { 'class-name': 'BACKGROUND', 'hex-color': '#ffffff', confidence: 0.0 },
      1: { 'class-name': 'scratch', 'hex-color': '#2ca02c', confidence: 0.0 },
      2: { 'class-name': 'dent', 'hex-color': '#1f77b4', confidence: 0.0 },
    },
    type: 'groundtruth/semantic-segmentation',
    'human-annotated': 'yes',
    'creation-date': '2021-11-23T20:31:57.758889',
    'job-name': 'labeling-job/parts-masks',
  },
};

/** The first cookie line, verbatim. */
const cookieLine =
  '{"source-ref": "training-images/anomaly-1.jpg", "anomaly-label-metadata": {"job-name": "anomaly-label", "class-name": "anomaly", "human-annotated": "yes", "creation-date": "2022-08-22T20:52:51.851Z", "type": "groundtruth/image-classification"}, "anomaly-label": 1, "anomaly-mask-ref-metadata": {"internal-color-map": {"0": {"class-name": "cracked", "hex-color": "#23A436"}}, "job-name": "labeling-job/object-mask-ref", "human-annotated": "yes", "creation-date": "Mon Aug 22 2022 13:52:52 GMT-0700 (Pacific Daylight Time)", "type": "groundtruth/semantic-segmentation"}, "anomaly-mask-ref": "mask-images/anomaly-1.png"}';

function entryOf(text: string): ManifestEntry {
  const { entry, issues } = parseManifestLine(text, 1, file);
  expect(issues).toEqual([]);
  return entry!;
}

describe('parseManifestLine', () => {
  it('reads a classification line (spec §2.2)', () => {
    expect(entryOf(classificationLine)).toEqual({
      lineNumber: 1,
      sourceRef: 's3://bucket/parts/img_0001.png',
      classification: 'anomaly',
      humanAnnotated: true,
      creationDate: '2020-11-10T03:37:09.600Z',
      jobName: 'labeling-job/parts',
      mask: null,
    });
  });

  it('reads a segmentation line with its colour map (spec §2.3)', () => {
    const entry = entryOf(JSON.stringify(segmentationObject));
    expect(entry.mask).toEqual({
      ref: 's3://bucket/masks/img_0042.png',
      refKey: 'anomaly-mask-ref',
      colorMap: [
        { className: 'BACKGROUND', hexColor: '#ffffff', isBackground: true },
        { className: 'scratch', hexColor: '#2ca02c', isBackground: false },
        { className: 'dent', hexColor: '#1f77b4', isBackground: false },
      ],
      humanAnnotated: true,
      creationDate: '2021-11-23T20:31:57.758Z',
      jobName: 'labeling-job/parts-masks',
    });
  });

  it('accepts the cookie sample deviations (spec §2.4)', () => {
    const entry = entryOf(cookieLine);
    expect(entry.classification).toBe('anomaly');
    expect(entry.creationDate).toBe('2022-08-22T20:52:51.851Z');
    expect(entry.mask?.colorMap).toEqual([{ className: 'cracked', hexColor: '#23a436', isBackground: false }]);
    expect(entry.mask?.creationDate).toBe('2022-08-22T20:52:52.000Z');
  });

  it('finds the label attribute and mask ref by metadata type, whatever their names', () => {
    const line = JSON.stringify({
      'source-ref': 'a.png',
      defect: '1',
      'defect-metadata': { 'class-name': ' Anomaly ', 'human-annotated': 'no', type: 'groundtruth/image-classification' },
      'paint-ref': 'm.png',
      'paint-ref-metadata': {
        'internal-color-map': { 7: { 'class-name': 'Dent', 'hex-color': '#FFFFFF' } },
        'human-annotated': 'yes',
        type: 'groundtruth/semantic-segmentation',
      },
      'unrelated-metadata': 'ignored',
      extra: { ignored: true },
    });
    const entry = entryOf(line);
    expect(entry.classification).toBe('anomaly');
    expect(entry.humanAnnotated).toBe(false);
    expect(entry.mask?.refKey).toBe('paint-ref');
    // #ffffff is background whatever its name (spec §2.4).
    expect(entry.mask?.colorMap).toEqual([{ className: 'Dent', hexColor: '#ffffff', isBackground: true }]);
  });

  it('lets class-name win over the label value', () => {
    expect(entryOf(classificationLine.replace('"class-name":"anomaly"', '"class-name":"normal"')).classification).toBe('normal');
  });

  it('imports a line with only source-ref as unlabeled', () => {
    expect(entryOf('{"source-ref":"x.png"}')).toMatchObject({ sourceRef: 'x.png', classification: null, mask: null });
  });

  it('imports an unknown class as unlabeled with a warning', () => {
    const { entry, issues } = parseManifestLine(classificationLine.replace('"class-name":"anomaly"', '"class-name":"scratchy"'), 4, file);
    expect(entry?.classification).toBeNull();
    expect(issues).toEqual([{ code: 'import:manifest.unknownClass', severity: 'warning', params: { file, line: 4, className: 'scratchy' } }]);
  });

  it('drops a mask on a normal line with a warning', () => {
    const normal = { ...segmentationObject, 'anomaly-label-metadata': { ...segmentationObject['anomaly-label-metadata'], 'class-name': 'normal' } };
    const { entry, issues } = parseManifestLine(JSON.stringify(normal), 2, file);
    expect(entry?.mask).toBeNull();
    expect(issues.map((issue) => [issue.code, issue.severity, issue.params.context])).toEqual([['import:manifest.maskIgnored', 'warning', 'normal']]);
  });

  it('skips blank lines', () => {
    expect(parseManifestLine('   ', 9, file)).toEqual({ entry: null, issues: [] });
  });

  it('reports every problem of a line, not only the first', () => {
    const line = JSON.stringify({ 'anomaly-label': 1, 'anomaly-label-metadata': { 'human-annotated': 'maybe', type: 'groundtruth/image-classification' } });
    const { entry, issues } = parseManifestLine(line, 3, file);
    expect(entry).toBeNull();
    expect(issues.map((issue) => [issue.code, issue.params.key])).toEqual([
      ['import:manifest.missingKey', 'source-ref'],
      ['import:manifest.missingKey', 'anomaly-label-metadata.class-name'],
      ['import:manifest.wrongType', 'anomaly-label-metadata.human-annotated'],
    ]);
  });
});

describe('parseManifest', () => {
  it('strips a BOM, skips blank lines, handles CRLF and lists every failing line', () => {
    const text = `\uFEFF${classificationLine}\r\n\r\nnot json\n{"source-ref":"b.png"}\n[1]\n`;
    const { entries, issues } = parseManifest(text, file);
    expect(entries.map((entry) => entry.sourceRef)).toEqual(['s3://bucket/parts/img_0001.png', 'b.png']);
    expect(issues.map((issue) => [issue.code, issue.params.line])).toEqual([
      ['import:manifest.notJson', 3],
      ['import:manifest.notObject', 5],
    ]);
  });

  it('reports a pretty-printed object once, with its line range', () => {
    const pretty = JSON.stringify(segmentationObject, null, 2);
    const text = `${classificationLine}\n${pretty}\n{"source-ref":"c.png"}`;
    const { entries, issues } = parseManifest(text, file);
    expect(entries).toHaveLength(2);
    const lastLine = 1 + pretty.split('\n').length;
    expect(issues).toEqual([{ code: 'import:manifest.prettyPrinted', severity: 'error', params: { file, line: 2, lastLine } }]);
  });

  it('does not let a truncated line swallow the lines after it', () => {
    const { entries, issues } = parseManifest('{"source-ref": "a.png"\n{"source-ref":"b.png"}\n', file);
    expect(entries.map((entry) => entry.sourceRef)).toEqual(['b.png']);
    expect(issues.map((issue) => [issue.code, issue.params.line])).toEqual([['import:manifest.notJson', 1]]);
  });

  it('keeps the later line of a repeated source-ref, at the first position', () => {
    const text = ['{"source-ref":"a.png"}', '{"source-ref":"b.png"}', classificationLine.replace('s3://bucket/parts/img_0001.png', 'a.png')].join('\n');
    const { entries, issues } = parseManifest(text, file);
    expect(entries.map((entry) => [entry.sourceRef, entry.lineNumber])).toEqual([
      ['a.png', 3],
      ['b.png', 2],
    ]);
    expect(issues.map((issue) => [issue.code, issue.severity])).toEqual([['import:manifest.repeatedSourceRef', 'warning']]);
  });

  it('gives the same result fed chunk by chunk through the line splitter', () => {
    const text = `\uFEFF${cookieLine}\n${classificationLine}\r\n\n{"source-ref":"z.png"}`;
    const splitter = new LineSplitter();
    const reader = new ManifestReader(file);
    for (let i = 0; i < text.length; i += 7) splitter.push(text.slice(i, i + 7)).forEach((line) => reader.push(line));
    splitter.end().forEach((line) => reader.push(line));
    expect(reader.finish()).toEqual(parseManifest(text, file));
  });
});

describe('LineSplitter', () => {
  it('numbers lines across chunks and keeps a partial line for the next chunk', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('\uFEFFab')).toEqual([]);
    expect(splitter.push('c\r\nde\n\nf')).toEqual([
      { lineNumber: 1, text: 'abc' },
      { lineNumber: 2, text: 'de' },
      { lineNumber: 3, text: '' },
    ]);
    expect(splitter.end()).toEqual([{ lineNumber: 4, text: 'f' }]);
  });
});

describe('label dates (spec §2.4)', () => {
  it.each([
    ['2020-04-15T20:17:23.433061', '2020-04-15T20:17:23.433Z'],
    ['2022-08-22T20:52:51.851Z', '2022-08-22T20:52:51.851Z'],
    ['2022-08-22T13:52:51+0700', '2022-08-22T06:52:51.000Z'],
    ['2022-08-22T13:52:51-07:00', '2022-08-22T20:52:51.000Z'],
    ['2022-08-22', '2022-08-22T00:00:00.000Z'],
    ['Mon Aug 22 2022 13:52:52 GMT-0700 (Pacific Daylight Time)', '2022-08-22T20:52:52.000Z'],
    ['Tue Aug 23 2022 01:02:03 GMT+0200', '2022-08-22T23:02:03.000Z'],
    ['last Tuesday', 'last Tuesday'],
    ['2022-13-45T99:99:99', '2022-13-45T99:99:99'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeLabelDate(raw)).toBe(expected);
  });

  it('formats %Y-%m-%dT%H:%M:%S.%f in UTC', () => {
    expect(formatGroundTruthDate(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 67)))).toBe('2024-01-02T03:04:05.067000');
  });
});

describe('manifest writers round-trip through the parser (spec §3.1)', () => {
  const base = { sourceRef: 'train/images/parts/a.png', humanAnnotated: true, creationDate: '2024-01-02T03:04:05.067Z', jobName: 'spotcheck' };

  it.each([
    { ...base, classification: 'normal' as const },
    { ...base, classification: 'anomaly' as const, humanAnnotated: false, creationDate: null, jobName: null },
    { ...base, classification: null, humanAnnotated: false, creationDate: null, jobName: null },
  ])('classification line %#', (entry) => {
    const line = formatClassificationLine(entry);
    expect(entryOf(line)).toEqual({ ...entry, lineNumber: 1, mask: null });
  });

  it('writes anomaly-label as a number', () => {
    expect(JSON.parse(formatClassificationLine({ ...base, classification: 'anomaly' }))['anomaly-label']).toBe(1);
  });

  it('segmentation line: background first, then the project labels in lower-case hex', () => {
    const mask = { ref: 'train/masks/parts/a.png', humanAnnotated: true, creationDate: '2024-01-02T03:04:06.000Z', jobName: 'spotcheck-masks' };
    const line = formatSegmentationLine({ ...base, classification: 'anomaly', mask }, [
      { name: 'Scratch', color: '#2CA02C' },
      { name: 'dent', color: '#1f77b4' },
    ]);
    expect(JSON.parse(line)['anomaly-mask-ref-metadata']['internal-color-map']).toEqual({
      0: { 'class-name': 'BACKGROUND', 'hex-color': '#ffffff', confidence: 0 },
      1: { 'class-name': 'Scratch', 'hex-color': '#2ca02c', confidence: 0 },
      2: { 'class-name': 'dent', 'hex-color': '#1f77b4', confidence: 0 },
    });
    expect(entryOf(line)).toEqual({
      ...base,
      classification: 'anomaly',
      lineNumber: 1,
      mask: {
        ...mask,
        refKey: 'anomaly-mask-ref',
        colorMap: [
          { className: 'BACKGROUND', hexColor: '#ffffff', isBackground: true },
          { className: 'Scratch', hexColor: '#2ca02c', isBackground: false },
          { className: 'dent', hexColor: '#1f77b4', isBackground: false },
        ],
      },
    });
  });
});
