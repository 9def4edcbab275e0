// Evaluation files of spec §3.2–3.4: exact keys and order, and the tolerant EvaluationResult reader.
import { describe, expect, it } from 'vitest';
import {
  buildEvaluationManifestLine,
  buildEvaluationResult,
  buildPerformance,
  type EvaluationManifestContext,
  type EvaluationManifestImage,
  EvaluationResultFormatError,
  formatEvaluationTimestamp,
  modelArn,
  readEvaluationResult,
  serializeEvaluationManifest,
} from '../../src/domain/evaluation';
import { internalColorMap } from '../../src/domain/manifest/colorMap';

const image = { rocAuc: 0.97, averagePrecision: 0.95, precision: 0.93, recall: 0.9, f1: 0.915 };
const base = {
  projectName: 'parts',
  modelVersion: 3,
  evaluationEnd: new Date('2024-03-01T10:15:22.456Z'),
  trainingImages: 180,
  testingImages: 45,
  image,
};

describe('EvaluationResult', () => {
  it('writes the spec §3.3 example for a segmentation model, keys in spec order', () => {
    const result = buildEvaluationResult({
      ...base,
      perLabel: [{ name: 'scratch', precision: 0.88, recall: 0.81, f1: 0.844, meanIoU: 0.71 }],
    });
    expect(JSON.stringify(result)).toBe(
      '{"Version":1,"EvaluationDetails":{"ModelArn":"spotcheck:project/parts/model/3",' +
        '"EvaluationEndTimestamp":"2024-03-01T10:15:22Z","NumberOfTrainingImages":180,"NumberOfTestingImages":45},' +
        '"AggregatedEvaluationResults":{"Metrics":{"ROCAUC":0.97,"AveragePrecision":0.95,"Precision":0.93,' +
        '"Recall":0.9,"F1Score":0.915,"PixelAnomalyClassMetrics":[{"Precision":0.88,"Recall":0.81,' +
        '"F1Score":0.844,"AIOU":0.71,"ClassName":"scratch"}]}}}',
    );
  });

  it('leaves PixelAnomalyClassMetrics out for classification models', () => {
    const metrics = buildEvaluationResult(base).AggregatedEvaluationResults.Metrics;
    expect(Object.keys(metrics)).toEqual(['ROCAUC', 'AveragePrecision', 'Precision', 'Recall', 'F1Score']);
  });

  it('formats the end time as UTC to the second', () => {
    expect(formatEvaluationTimestamp(new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 999)))).toBe('2025-01-02T03:04:05Z');
  });

  it('reads back what it writes', () => {
    const written = buildEvaluationResult({
      ...base,
      perLabel: [{ name: 'scratch', precision: 0.88, recall: 0.81, f1: 0.844, meanIoU: 0.71 }],
    });
    expect(readEvaluationResult(JSON.parse(JSON.stringify(written)))).toEqual({
      modelArn: 'spotcheck:project/parts/model/3',
      evaluationEndTimestamp: '2024-03-01T10:15:22Z',
      trainingImages: 180,
      testingImages: 45,
      ...image,
      perLabel: [{ name: 'scratch', precision: 0.88, recall: 0.81, f1: 0.844, meanIoU: 0.71 }],
    });
    expect(readEvaluationResult(buildEvaluationResult(base)).perLabel).toBeUndefined();
  });

  it.each(['AIOU', 'AIoU', 'AIIOU'])('accepts the mean-IoU key %s', (key) => {
    const file = buildEvaluationResult({ ...base, perLabel: [{ name: 'dent', precision: 1, recall: 1, f1: 1, meanIoU: 0.5 }] });
    const label: Record<string, unknown> = { Precision: 1, Recall: 1, F1Score: 1, ClassName: 'dent', Extra: 'ignored' };
    label[key] = 0.42;
    file.AggregatedEvaluationResults.Metrics.PixelAnomalyClassMetrics = [label as never];
    expect(readEvaluationResult(file).perLabel).toEqual([{ name: 'dent', precision: 1, recall: 1, f1: 1, meanIoU: 0.42 }]);
  });

  it('names the path of a missing or mistyped value', () => {
    const file = JSON.parse(JSON.stringify(buildEvaluationResult(base)));
    file.AggregatedEvaluationResults.Metrics.Recall = '0.9';
    expect(() => readEvaluationResult(file)).toThrow(new EvaluationResultFormatError('$.AggregatedEvaluationResults.Metrics.Recall'));
    expect(() => readEvaluationResult(null)).toThrow(EvaluationResultFormatError);
    const noIoU = buildEvaluationResult({ ...base, perLabel: [{ name: 'dent', precision: 1, recall: 1, f1: 1, meanIoU: 1 }] });
    delete (noIoU.AggregatedEvaluationResults.Metrics.PixelAnomalyClassMetrics![0] as Partial<{ AIOU: number }>).AIOU;
    expect(() => readEvaluationResult(noIoU)).toThrow(/PixelAnomalyClassMetrics\[0\]\.AIOU/);
  });
});

describe('Performance', () => {
  it('holds F1Score, Recall, Precision in spec §3.4 order', () => {
    expect(JSON.stringify(buildPerformance({ precision: 0.9, recall: 0.8, f1: 0.847 }))).toBe('{"F1Score":0.847,"Recall":0.8,"Precision":0.9}');
  });
});

describe('evaluation manifest', () => {
  const context: EvaluationManifestContext = { projectName: 'parts', modelVersion: 3, jobName: 'training-job/anomaly-detection' };
  const date = '2020-05-22T21:33:37.201882';
  const testImage: EvaluationManifestImage = {
    sourceRef: 'test/images/img_0107.jpg',
    sourceCreationDate: date,
    actual: 'anomaly',
    labelHumanAnnotated: true,
    labelCreationDate: date,
    labelJobName: 'labeling-job/anomaly-detection',
    predictedAnomalous: true,
    confidence: 0.9,
    predictionDate: date,
  };

  it('writes the spec §3.2 example line exactly', () => {
    expect(serializeEvaluationManifest(context, [testImage])).toBe(
      '{"source-ref":"test/images/img_0107.jpg","source-ref-metadata":{"creation-date":"2020-05-22T21:33:37.201882"},' +
        '"anomaly-label":1,"anomaly-label-metadata":{"class-name":"anomaly","type":"groundtruth/image-classification",' +
        '"human-annotated":"yes","creation-date":"2020-05-22T21:33:37.201882","job-name":"labeling-job/anomaly-detection"},' +
        '"anomaly-label-detected":1,"anomaly-label-detected-metadata":{"class-name":"anomaly","confidence":0.9,' +
        '"type":"groundtruth/image-classification","human-annotated":"no","creation-date":"2020-05-22T21:33:37.201882",' +
        '"job-name":"training-job/anomaly-detection","model-arn":"spotcheck:project/parts/model/3","project-name":"parts",' +
        '"model-version":"3"}}\n',
    );
  });

  it('writes a normal ground truth predicted anomalous as 0 / 1', () => {
    const line = buildEvaluationManifestLine(context, { ...testImage, actual: 'normal', labelHumanAnnotated: false });
    expect(line['anomaly-label']).toBe(0);
    expect(line['anomaly-label-metadata']).toMatchObject({ 'class-name': 'normal', 'human-annotated': 'no' });
    expect(line['anomaly-label-detected']).toBe(1);
  });

  it('adds ground-truth and predicted mask refs with the colour map for segmentation', () => {
    const segmentation = {
      ...context,
      colorMap: [
        { name: 'scratch', color: '#2ca02c' },
        { name: 'dent', color: '#1f77b4' },
      ],
    };
    const line = buildEvaluationManifestLine(segmentation, {
      ...testImage,
      masks: {
        groundTruthRef: 'test/masks/img_0107.png',
        groundTruthHumanAnnotated: true,
        groundTruthCreationDate: '2021-11-23T20:31:57.758889',
        groundTruthJobName: 'labeling-job/parts-masks',
        predictedRef: 'predicted/masks/img_0107.png',
      },
    });
    const colorMap = {
      '0': { 'class-name': 'BACKGROUND', 'hex-color': '#ffffff', confidence: 0 },
      '1': { 'class-name': 'scratch', 'hex-color': '#2ca02c', confidence: 0 },
      '2': { 'class-name': 'dent', 'hex-color': '#1f77b4', confidence: 0 },
    };
    expect(Object.keys(line).slice(6)).toEqual([
      'anomaly-mask-ref',
      'anomaly-mask-ref-metadata',
      'anomaly-mask-detected-ref',
      'anomaly-mask-detected-ref-metadata',
    ]);
    expect(line['anomaly-mask-ref']).toBe('test/masks/img_0107.png');
    expect(line['anomaly-mask-ref-metadata']).toEqual({
      'internal-color-map': colorMap,
      type: 'groundtruth/semantic-segmentation',
      'human-annotated': 'yes',
      'creation-date': '2021-11-23T20:31:57.758889',
      'job-name': 'labeling-job/parts-masks',
    });
    expect(line['anomaly-mask-detected-ref']).toBe('predicted/masks/img_0107.png');
    expect(line['anomaly-mask-detected-ref-metadata']).toEqual({
      'internal-color-map': colorMap,
      type: 'groundtruth/semantic-segmentation',
      'human-annotated': 'no',
      'creation-date': date,
      'job-name': 'training-job/anomaly-detection',
    });
    expect(internalColorMap([])).toEqual({ '0': colorMap['0'] });
  });

  it('refuses mask refs without a colour map', () => {
    const masks = { groundTruthRef: 'a.png', groundTruthHumanAnnotated: true, groundTruthCreationDate: date, groundTruthJobName: 'j', predictedRef: 'b.png' };
    expect(() => buildEvaluationManifestLine(context, { ...testImage, masks })).toThrow(TypeError);
  });

  it('builds the local model ARN', () => {
    expect(modelArn('Flange_line-3', 12)).toBe('spotcheck:project/Flange_line-3/model/12');
  });
});
