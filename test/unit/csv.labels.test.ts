// CSV (image, classification) → manifest, or the errors and deduplicated CSVs (spec §2.5).
import { describe, expect, it } from 'vitest';
import { convertCsvLabels } from '../../src/domain/csvLabels/convert';
import { UserFacingError } from '../../src/domain/errors';
import { parseManifest } from '../../src/domain/manifest/parse';

const now = new Date(Date.UTC(2024, 4, 6, 7, 8, 9, 123));

describe('convertCsvLabels', () => {
  it('writes one manifest line per row, with prefix, numbers and the injected clock', () => {
    const result = convertCsvLabels({ csvName: 'labels.csv', csvText: 'a.png,normal\n\nb.png,Anomaly\r\n', prefix: 's3://bucket/parts/', now });
    expect(result).toMatchObject({ ok: true, manifestFileName: 'labels.manifest', summary: { images: 2, normal: 1, anomaly: 1 } });
    if (!result.ok) throw new Error('expected a manifest');
    const lines = result.manifestText
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines[1]).toEqual({
      'source-ref': 's3://bucket/parts/b.png',
      'anomaly-label': 1,
      'anomaly-label-metadata': {
        confidence: 1,
        'job-name': 'labeling-job/anomaly-classification',
        'class-name': 'Anomaly',
        'human-annotated': 'yes',
        'creation-date': '2024-05-06T07:08:09.123000',
        type: 'groundtruth/image-classification',
      },
    });
    expect(lines[0]['anomaly-label']).toBe(0);
    const parsed = parseManifest(result.manifestText, result.manifestFileName);
    expect(parsed.issues).toEqual([]);
    expect(parsed.entries.map((entry) => [entry.sourceRef, entry.classification])).toEqual([
      ['s3://bucket/parts/a.png', 'normal'],
      ['s3://bucket/parts/b.png', 'anomaly'],
    ]);
  });

  it('reports duplicates and bad classes in _errors.csv and keeps the first valid row per image', () => {
    const csvText = ['a.png,normal', 'b.png,broken', 'a.png,anomaly', 'b.png,anomaly', 'a.png,normal', '"c,1.png",normal'].join('\n');
    const result = convertCsvLabels({ csvName: 'uploads/labels.csv', csvText, now });
    expect(result).toMatchObject({
      ok: false,
      errorsFileName: 'labels_errors.csv',
      deduplicatedFileName: 'labels_deduplicated.csv',
      summary: { images: 6, normal: 3, anomaly: 2 },
      issue: { code: 'import:csv.problems', params: { errorsFile: 'labels_errors.csv', deduplicatedFile: 'labels_deduplicated.csv' } },
    });
    if (result.ok) throw new Error('expected errors');
    expect(result.errorsCsv.split('\r\n')).toEqual([
      'line,image,classification,error',
      '2,b.png,broken,INVALID_CLASSIFICATION',
      '3,a.png,anomaly,DUPLICATE',
      '4,b.png,anomaly,DUPLICATE',
      '5,a.png,normal,DUPLICATE',
    ]);
    expect(result.deduplicatedCsv.split('\r\n')).toEqual(['a.png,normal', 'b.png,anomaly', '"c,1.png",normal']);
  });

  it('escapes formulae in the generated _errors.csv and _deduplicated.csv', () => {
    const csvText = ['"=HYPERLINK(""evil.example"",""x"").png",normal', '+1.png,=cmd|calc', '@sum.png,normal', '@sum.png,anomaly'].join('\n');
    const result = convertCsvLabels({ csvName: 'labels.csv', csvText, now });
    if (result.ok) throw new Error('expected errors');
    expect(result.errorsCsv.split('\r\n')).toEqual([
      'line,image,classification,error',
      `2,"'+1.png","'=cmd|calc",INVALID_CLASSIFICATION`,
      `4,"'@sum.png",anomaly,DUPLICATE`,
    ]);
    expect(result.deduplicatedCsv.split('\r\n')).toEqual([`"'=HYPERLINK(""evil.example"",""x"").png",normal`, `"'@sum.png",normal`]);
  });

  it('reads commas as the only delimiter, even when a cell holds semicolons', () => {
    const result = convertCsvLabels({ csvName: 'labels.csv', csvText: 'line;a;1.png,normal\nline;b;2.png,anomaly\n', now });
    expect(result).toMatchObject({ ok: true, summary: { images: 2, normal: 1, anomaly: 1 } });
    if (!result.ok) return;
    expect(result.manifestText).toContain('"source-ref":"line;a;1.png"');
  });

  it('counts lines 1-based including empty lines', () => {
    const result = convertCsvLabels({ csvName: 'x.csv', csvText: '\n\na.png,nope\n', now });
    if (result.ok) throw new Error('expected errors');
    expect(result.errorsCsv.split('\r\n')[1]).toBe('3,a.png,nope,INVALID_CLASSIFICATION');
  });

  it.each([
    ['a/x.png,normal\ny.png,anomaly', 'import:csv.mixedPaths', { pathLine: 1, nameLine: 2 }],
    ['a.png,normal,extra\nb.png\nc.png,normal', 'import:csv.columnCount', { lines: '1, 2' }],
    ['\n\n', 'import:csv.empty', {}],
  ])('refuses %j', (csvText, code, params) => {
    const attempt = () => convertCsvLabels({ csvName: 'bad.csv', csvText, now });
    expect(attempt).toThrow(UserFacingError);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ code, params: { file: 'bad.csv', ...params } });
    }
  });
});
