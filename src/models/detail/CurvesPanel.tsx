// The precision–recall and ROC curves of the test results (uPlot through the shared LineChart), each
// with the point the previewed threshold gives marked on it.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LineChart, type LineSeries } from '../../app/charts/LineChart';
import { type ChartCurve, curvePointIndexAt, type EvaluationCurves } from '../../domain/evaluation/curves';

/** Both axes of both curves are rates. */
const unitRange: [number, number] = [0, 1];
const curveColor = '#0072b2';
/** Orange against blue stays distinct for colour-blind readers (Okabe–Ito palette). */
const markerColor = '#e69f00';
const chartHeightPx = 260;

export function CurveChart({
  curve,
  threshold,
  title,
  label,
  xLabel,
  yLabel,
  testId,
}: {
  curve: ChartCurve;
  threshold: number;
  title: string;
  label: string;
  xLabel: string;
  yLabel: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const marked = curvePointIndexAt(curve, threshold);
  const series = useMemo(
    (): LineSeries[] => [
      { label, color: curveColor, values: curve.y },
      { label: t('modelDetail:curves.marker'), color: markerColor, pointsOnly: true, values: curve.y.map((y, index) => (index === marked ? y : null)) },
    ],
    [curve, marked, label, t],
  );
  return (
    <figure className="curve-figure" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <LineChart label={title} x={curve.x} series={series} xRange={unitRange} yRange={unitRange} xLabel={xLabel} yLabel={yLabel} heightPx={chartHeightPx} />
    </figure>
  );
}

export function CurvesPanel({ curves, threshold }: { curves: EvaluationCurves; threshold: number }) {
  const { t } = useTranslation();
  return (
    <section className="model-detail-section" aria-labelledby="curves-title">
      <h2 id="curves-title">{t('modelDetail:curves.title')}</h2>
      <div className="curve-grid">
        {curves.precisionRecall ? (
          <CurveChart
            curve={curves.precisionRecall}
            threshold={threshold}
            testId="pr-curve"
            title={t('modelDetail:curves.prTitle')}
            label={t('modelDetail:curves.precision')}
            xLabel={t('modelDetail:curves.recall')}
            yLabel={t('modelDetail:curves.precision')}
          />
        ) : (
          <p>{t('modelDetail:curves.prUnavailable')}</p>
        )}
        {curves.roc ? (
          <CurveChart
            curve={curves.roc}
            threshold={threshold}
            testId="roc-curve"
            title={t('modelDetail:curves.rocTitle')}
            label={t('modelDetail:curves.truePositiveRate')}
            xLabel={t('modelDetail:curves.falsePositiveRate')}
            yLabel={t('modelDetail:curves.truePositiveRate')}
          />
        ) : (
          <p>{t('modelDetail:curves.rocUnavailable')}</p>
        )}
      </div>
    </section>
  );
}
