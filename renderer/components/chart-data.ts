/** What a chart draws, independent of the library: tests check this, not pixels. */
export interface ChartSeries {
  label: string;
  /** One value per x (null: nothing there). */
  values: (number | null)[];
  /** A CSS custom property the colour comes from (e.g. "--productive"), so light and dark both fit. */
  color: string;
}

export interface ChartData {
  kind: 'bars' | 'line';
  /** The x labels, one per point. */
  labels: string[];
  series: ChartSeries[];
  /** Which labels the x axis writes (every one by default). */
  labelEvery?: number;
}

/** Colours of the chart from the page's theme (CSS variables on <html>). */
export interface ChartTheme {
  text: string;
  grid: string;
  font: string;
  colors: Record<string, string>;
}

export function readTheme(series: readonly ChartSeries[], root: Element = document.documentElement): ChartTheme {
  const style = getComputedStyle(root);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--muted', '#5e6979'),
    grid: v('--border', '#e1e4e9'),
    font: `11px ${v('--font', 'system-ui, sans-serif')}`,
    colors: Object.fromEntries(series.map((s) => [s.color, v(s.color, '#3b74d9')])),
  };
}

/** Whether this page can draw on a canvas (jsdom cannot: getContext returns null). Asked once. */
let canvasSupport: boolean | null = null;
export function canDrawCharts(): boolean {
  if (canvasSupport === null) {
    try {
      canvasSupport = typeof document !== 'undefined' && document.createElement('canvas').getContext('2d') !== null;
    } catch {
      canvasSupport = false;
    }
  }
  return canvasSupport;
}
