// A small generic line chart on uPlot: x values shared by every series, each series with its own
// colour and dash pattern (so lines differ by more than colour), resized with its container. Tick labels
// are written in the operator's language (uPlot's own follow the browser's, with English month names).
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatNumber } from '../../i18n/format';

export interface LineSeries {
  label: string;
  /** CSS colour; pick from a colour-blind-safe palette and give series different `dash` too. */
  color: string;
  /** Line dash in CSS px, e.g. `[6, 4]`; solid when absent. */
  dash?: number[];
  values: readonly (number | null)[];
  /** Draw each value as a dot and no line between them (a marked point on another series). */
  pointsOnly?: boolean;
}

export interface LineChartProps {
  /** Accessible name of the chart (the canvas itself is not readable). */
  label: string;
  /** X positions; with `time`, epoch seconds. */
  x: readonly number[];
  series: readonly LineSeries[];
  time?: boolean;
  heightPx?: number;
  /** Draw each series as steps (counts per bucket) rather than sloped lines. */
  stepped?: boolean;
  /** Fixed axis ranges, e.g. [0, 1] for rates; fitted to the data when absent. */
  xRange?: [number, number];
  yRange?: [number, number];
  /** Axis titles. */
  xLabel?: string;
  yLabel?: string;
  /** X values are counts (epochs): ticks only at whole numbers. */
  wholeNumberX?: boolean;
}

const defaultHeightPx = 200;
const minWidthPx = 200;

const markerSizePx = 10;
/** Tick steps uPlot may choose from for a whole-number axis. */
const wholeNumberSteps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
const secondsPerDay = 86_400;
const millisecondsPerSecond = 1_000;

/** Number ticks in the UI language ("0,5" in French). */
const numberTicks: uPlot.Axis.Values = (_chart, splits) => splits.map((value) => formatNumber(value));

/** Time ticks (epoch seconds) in the UI language: dates when ticks are a day or more apart, else times. */
function timeTicks(language: string): uPlot.Axis.Values {
  return (_chart, splits, _axis, _space, tickStepSeconds) => {
    const format = new Intl.DateTimeFormat(
      language,
      tickStepSeconds >= secondsPerDay ? { month: 'short', day: 'numeric' } : { hour: '2-digit', minute: '2-digit' },
    );
    return splits.map((seconds) => format.format(seconds * millisecondsPerSecond));
  };
}

export function LineChart({
  label,
  x,
  series,
  time = false,
  heightPx = defaultHeightPx,
  stepped = false,
  xRange,
  yRange,
  xLabel,
  yLabel,
  wholeNumberX = false,
}: LineChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const { i18n } = useTranslation();
  const language = i18n.language;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const steps = stepped ? uPlot.paths.stepped?.({ align: 1 }) : undefined;
    const options: uPlot.Options = {
      width: Math.max(container.clientWidth, minWidthPx),
      height: heightPx,
      scales: { x: { time, ...(xRange ? { range: xRange } : {}) }, ...(yRange ? { y: { range: yRange } } : {}) },
      series: [
        {},
        ...series.map((line) =>
          line.pointsOnly
            ? { label: line.label, stroke: line.color, fill: line.color, paths: () => null, points: { show: true, size: markerSizePx, fill: line.color } }
            : { label: line.label, stroke: line.color, width: 2, ...(line.dash ? { dash: line.dash } : {}), ...(steps ? { paths: steps } : {}) },
        ),
      ],
      // Not live: the legend names the series only; live it showed "Value: --" until a pointer hovered.
      legend: { live: false },
      axes: [
        { values: time ? timeTicks(language) : numberTicks, ...(xLabel ? { label: xLabel } : {}), ...(wholeNumberX ? { incrs: wholeNumberSteps } : {}) },
        { size: 50, values: numberTicks, ...(yLabel ? { label: yLabel } : {}) },
      ],
    };
    const data = [Array.from(x), ...series.map((line) => Array.from(line.values))] as uPlot.AlignedData;
    const chart = new uPlot(options, data, container);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(container.clientWidth, minWidthPx), height: heightPx }));
    resize.observe(container);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [x, series, time, heightPx, stepped, xRange, yRange, xLabel, yLabel, wholeNumberX, language]);

  return <div ref={containerRef} className="line-chart" role="img" aria-label={label} data-points={x.length} />;
}
