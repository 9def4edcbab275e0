// The shared uPlot line chart rendered in Chromium: the legend names each series without a "Value: --" row,
// and a whole-number x axis (training epochs) is ticked at whole numbers only. Tick labels are read from
// what uPlot draws on its canvas (every fillText call while the chart renders).
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, expect, it } from 'vitest';
import { LineChart } from '../../src/app/charts/LineChart';

let root: Root | null = null;
let container: HTMLDivElement | null = null;

afterEach(() => {
  root?.unmount();
  container?.remove();
});

/** Renders a loss-like chart over epochs 1–3 and returns its element with the texts drawn centred (x ticks). */
async function renderEpochChart(wholeNumberX: boolean) {
  const drawn: { text: string; align: CanvasTextAlign }[] = [];
  const fillText = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (this: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth?: number) {
    drawn.push({ text, align: this.textAlign });
    fillText.call(this, text, x, y, maxWidth);
  };
  try {
    container = document.createElement('div');
    container.style.width = '600px';
    document.body.append(container);
    root = createRoot(container);
    root.render(
      createElement(LineChart, {
        label: 'Loss per epoch',
        x: [1, 2, 3],
        series: [{ label: 'Loss', color: '#0072b2', values: [0.9, 0.5, 0.3] }],
        xLabel: 'Epoch',
        wholeNumberX,
      }),
    );
    await expect.poll(() => drawn.some(({ text }) => text === 'Epoch')).toBe(true);
  } finally {
    CanvasRenderingContext2D.prototype.fillText = fillText;
  }
  const xTicks = drawn.filter(({ align, text }) => align === 'center' && /^-?[\d.]+$/.test(text)).map(({ text }) => text);
  return { chart: container.querySelector<HTMLElement>('.line-chart')!, xTicks };
}

it('ticks a whole-number x axis at whole numbers and names the series in the legend without "Value: --"', async () => {
  const { chart, xTicks } = await renderEpochChart(true);
  expect(xTicks.length).toBeGreaterThan(1);
  expect(xTicks.filter((tick) => !Number.isInteger(Number(tick)))).toEqual([]);
  const legend = chart.querySelector('.u-legend')!;
  expect(legend.textContent).toBe('Loss');
  expect(legend.textContent).not.toContain('--');
});
