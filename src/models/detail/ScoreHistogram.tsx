// The threshold histogram (issue 13 item 3): how the normal and the anomalous test images' scores spread over
// 0–1, with the trained threshold and the slider's marked, so the margin between the classes shows. Plain SVG
// bars; the text alternative states the counts of each class on either side of both thresholds.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScoreHistogramBin } from '../../domain/evaluation/scoreHistogram';
import type { ThresholdPreview } from '../../domain/evaluation/thresholdPreview';
import { formatDecimals } from '../../i18n/format';

/** Okabe–Ito blue and vermillion for the classes, orange for the slider: distinct for colour-blind readers. */
const normalColor = '#0072b2';
const anomalousColor = '#d55e00';
const trainedMarkerColor = '#000000';
const sliderMarkerColor = '#e69f00';
/** SVG user units: the scores' 0–1 span and the tallest bar. */
const plotWidth = 400;
const plotHeight = 120;

interface ScoreHistogramProps {
  bins: readonly ScoreHistogramBin[];
  /** The test images' counts at the trained threshold and at the slider's. */
  trained: ThresholdPreview;
  preview: ThresholdPreview;
  scoreDecimals: number;
}

export function ScoreHistogram({ bins, trained, preview, scoreDecimals }: ScoreHistogramProps) {
  const { t } = useTranslation();
  const summaryId = useId();
  const tallest = Math.max(1, ...bins.map(({ normal, anomalous }) => Math.max(normal, anomalous)));
  const x = (score: number) => Math.min(1, Math.max(0, score)) * plotWidth;
  const bar = (count: number) => (count / tallest) * plotHeight;
  const summary = (key: 'trainedSummary' | 'previewSummary', { threshold, counts }: ThresholdPreview) =>
    t(`modelDetail:histogram.${key}`, {
      threshold: formatDecimals(threshold, scoreDecimals),
      normalBelow: counts.trueNegatives,
      normalAbove: counts.falsePositives,
      anomalousBelow: counts.falseNegatives,
      anomalousAbove: counts.truePositives,
    });

  return (
    <section className="model-detail-section" aria-labelledby="histogram-title" data-testid="score-histogram">
      <h2 id="histogram-title">{t('modelDetail:histogram.title')}</h2>
      <svg className="score-histogram" viewBox={`0 0 ${plotWidth} ${plotHeight}`} role="img" aria-labelledby={summaryId} preserveAspectRatio="none">
        {bins.map(({ from, to, normal, anomalous }) => {
          const half = (x(to) - x(from)) / 2;
          return (
            <g key={from}>
              <rect x={x(from)} y={plotHeight - bar(normal)} width={half} height={bar(normal)} fill={normalColor} />
              <rect x={x(from) + half} y={plotHeight - bar(anomalous)} width={half} height={bar(anomalous)} fill={anomalousColor} />
            </g>
          );
        })}
        <line x1={x(trained.threshold)} x2={x(trained.threshold)} y1={0} y2={plotHeight} stroke={trainedMarkerColor} strokeWidth={2} />
        <line x1={x(preview.threshold)} x2={x(preview.threshold)} y1={0} y2={plotHeight} stroke={sliderMarkerColor} strokeWidth={2} strokeDasharray="6 4" />
      </svg>
      <ul className="score-histogram-legend">
        {(
          [
            ['normal', normalColor],
            ['anomalous', anomalousColor],
            ['trained', trainedMarkerColor],
            ['slider', sliderMarkerColor],
          ] as const
        ).map(([key, color]) => (
          <li key={key}>
            <span className="swatch" style={{ background: color }} /> {t(`modelDetail:histogram.legend.${key}`)}
          </li>
        ))}
      </ul>
      <p id={summaryId} data-testid="score-histogram-summary">
        {summary('trainedSummary', trained)} {summary('previewSummary', preview)}
      </p>
    </section>
  );
}
