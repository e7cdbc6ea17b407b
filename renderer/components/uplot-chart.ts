import uPlot from 'uplot';
import type { ChartData, ChartTheme } from './chart-data';

/**
 * Draws a ChartData with uPlot into el, sized width × height; returns the chart to resize and destroy.
 * Loaded on demand (uPlot reads window.matchMedia when imported, which jsdom has not).
 */
export function drawChart(
  el: HTMLElement,
  data: ChartData,
  theme: ChartTheme,
  size: { width: number; height: number },
  formatValue: (v: number) => string,
  yIncrements: number[],
): uPlot {
  const xs = data.labels.map((_, i) => i);
  const every = data.labelEvery ?? 1;
  const axis = (extra: Partial<uPlot.Axis>): uPlot.Axis => ({
    stroke: theme.text,
    font: theme.font,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1, size: 4 },
    ...extra,
  });
  const bars = uPlot.paths.bars!({ size: [0.7, 36], align: 0 });
  const opts: uPlot.Options = {
    width: size.width,
    height: size.height,
    legend: { show: false },
    cursor: { show: false },
    scales: {
      x: { time: false, range: [-0.5, Math.max(0.5, xs.length - 0.5)] },
      y: { range: (_u, _min, max) => [0, Math.max(max, yIncrements[0]!) * 1.1] },
    },
    axes: [
      axis({
        grid: { show: false },
        size: 30,
        splits: () => xs.filter((i) => i % every === 0),
        values: (_u, splits) => splits.map((i) => data.labels[i] ?? ''),
      }),
      axis({ incrs: yIncrements, values: (_u, splits) => splits.map((v) => formatValue(v)), size: 56 }),
    ],
    series: [
      {},
      ...data.series.map((s): uPlot.Series =>
        data.kind === 'bars'
          ? { label: s.label, fill: theme.colors[s.color], stroke: theme.colors[s.color], width: 0, paths: bars, points: { show: false } }
          : { label: s.label, stroke: theme.colors[s.color], width: 2, spanGaps: false, points: { show: true, size: 6, fill: theme.colors[s.color] } },
      ),
    ],
  };
  return new uPlot(opts, [xs, ...data.series.map((s) => s.values)] as uPlot.AlignedData, el);
}
