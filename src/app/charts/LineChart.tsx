// A small generic line chart on uPlot: x values shared by every series, each series with its own
// colour and dash pattern (so lines differ by more than colour), resized with its container.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

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
        { ...(xLabel ? { label: xLabel } : {}), ...(wholeNumberX ? { incrs: wholeNumberSteps } : {}) },
        { size: 50, ...(yLabel ? { label: yLabel } : {}) },
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
  }, [x, series, time, heightPx, stepped, xRange, yRange, xLabel, yLabel, wholeNumberX]);

  return <div ref={containerRef} className="line-chart" role="img" aria-label={label} data-points={x.length} />;
}
