// The image-level confusion matrix of spec §6 (rows: predicted, columns: actual), with the term for
// each cell so that TP / FP / TN / FN can be read without the legend.
import { useTranslation } from 'react-i18next';
import type { ConfusionCounts } from '../../domain/metrics';

export function ConfusionMatrix({ counts, caption, testId }: { counts: ConfusionCounts; caption: string; testId: string }) {
  const { t } = useTranslation();
  const cell = (key: 'truePositives' | 'falsePositives' | 'trueNegatives' | 'falseNegatives') => (
    <td data-cell={key}>
      <strong>{counts[key]}</strong> <span className="confusion-term">{t(`modelDetail:confusion.${key}`)}</span>
    </td>
  );
  return (
    <table className="table confusion-matrix" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <td />
          <th scope="col">{t('modelDetail:confusion.actualAnomaly')}</th>
          <th scope="col">{t('modelDetail:confusion.actualNormal')}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">{t('modelDetail:confusion.predictedAnomaly')}</th>
          {cell('truePositives')}
          {cell('falsePositives')}
        </tr>
        <tr>
          <th scope="row">{t('modelDetail:confusion.predictedNormal')}</th>
          {cell('falseNegatives')}
          {cell('trueNegatives')}
        </tr>
      </tbody>
    </table>
  );
}
