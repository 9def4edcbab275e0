// The figures of the compared versions in columns: image-level metrics at each version's saved threshold
// (recomputed from its stored test scores) and, for segmentation models, mean IoU and F1 per anomaly label.
import { useTranslation } from 'react-i18next';
import { previewThreshold, testScoreSweep } from '../../domain/evaluation/thresholdPreview';
import type { ModelEvaluationData } from '../../storage/modelEvaluation';
import { formatDecimals, formatPercent } from '../../i18n/format';

const thresholdDecimals = 3;

function imageFigures(data: ModelEvaluationData) {
  const { image } = data.evaluation.evaluation;
  const threshold = data.version.anomalyThreshold ?? image.threshold;
  const atThreshold = previewThreshold(testScoreSweep(data.evaluation.perImage), threshold);
  return {
    threshold: formatDecimals(threshold, thresholdDecimals),
    precision: formatPercent(atThreshold.precision),
    recall: formatPercent(atThreshold.recall),
    f1: formatPercent(atThreshold.f1),
    rocAuc: formatPercent(image.rocAuc),
    averagePrecision: formatPercent(image.averagePrecision),
    testImages: String(data.evaluation.evaluation.testingImages),
  };
}

const imageRows = ['threshold', 'precision', 'recall', 'f1', 'rocAuc', 'averagePrecision', 'testImages'] as const;

export function CompareTables({ versions }: { versions: readonly ModelEvaluationData[] }) {
  const { t } = useTranslation();
  const figures = versions.map(imageFigures);
  const names = versions.map((data) => t('models:list.name', { version: data.version.version }));
  const labelNames = [...new Set(versions.flatMap((data) => (data.evaluation.evaluation.perLabel ?? []).map((label) => label.name)))];
  const header = (
    <thead>
      <tr>
        <th scope="col">{t('models:compare.figure')}</th>
        {names.map((name, index) => (
          <th scope="col" key={index}>
            {name}
          </th>
        ))}
      </tr>
    </thead>
  );
  return (
    <>
      <div className="table-scroll">
        <table className="table" data-testid="compare-metrics">
          {header}
          <tbody>
            {imageRows.map((row) => (
              <tr key={row} data-metric={row}>
                <th scope="row">{t(`models:compare.metrics.${row}`)}</th>
                {figures.map((figure, index) => (
                  <td key={index}>{figure[row]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {labelNames.length > 0 && (
        <div className="table-scroll">
          <table className="table" data-testid="compare-per-label">
            <caption>{t('models:compare.perLabel')}</caption>
            {header}
            <tbody>
              {labelNames.map((name) => (
                <tr key={name} data-label={name}>
                  <th scope="row">{name}</th>
                  {versions.map((data, index) => {
                    const label = data.evaluation.evaluation.perLabel?.find((each) => each.name === name);
                    return (
                      <td key={index}>{label ? t('models:compare.labelFigures', { iou: formatPercent(label.meanIoU), f1: formatPercent(label.f1) }) : '–'}</td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
