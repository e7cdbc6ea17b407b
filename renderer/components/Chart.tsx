import { useEffect, useRef, useState } from 'react';
import { canDrawCharts, readTheme, type ChartData } from './chart-data';

/** Re-reads the theme when <html data-theme> or the system's colour scheme changes. */
function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const observer = new MutationObserver(bump);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const media = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
    media?.addEventListener('change', bump);
    return () => {
      observer.disconnect();
      media?.removeEventListener('change', bump);
    };
  }, []);
  return version;
}

/**
 * A chart drawn with uPlot on a canvas, coloured from the theme's CSS variables. Where the page cannot
 * draw (jsdom), a placeholder carries the data instead. Decorative for assistive technology: every chart
 * has a list or table with the same figures beside it.
 */
export function Chart({
  data,
  label,
  formatValue,
  yIncrements,
  height = 180,
}: {
  data: ChartData;
  label: string;
  formatValue: (v: number) => string;
  /** Steps the value axis may use (seconds: a minute, 5 minutes, …). */
  yIncrements: number[];
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const themeVersion = useThemeVersion();
  const drawable = canDrawCharts();
  const key = JSON.stringify(data);
  const formatKey = `${formatValue(90)}|${formatValue(5400)}|${yIncrements.join()}`;

  useEffect(() => {
    const el = ref.current;
    if (!drawable || !el) return;
    let cancelled = false;
    let chart: { destroy(): void; setSize(s: { width: number; height: number }): void } | null = null;
    let observer: ResizeObserver | null = null;
    void import('./uplot-chart').then(({ drawChart }) => {
      if (cancelled) return;
      const width = () => Math.max(120, Math.floor(el.clientWidth));
      chart = drawChart(el, data, readTheme(data.series), { width: width(), height }, formatValue, yIncrements);
      observer = new ResizeObserver(() => chart?.setSize({ width: width(), height }));
      observer.observe(el);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      chart?.destroy();
    };
    // The data by value (key), not by identity: a re-render with equal data keeps the chart; a new
    // language (formatKey) or theme redraws it.
  }, [drawable, key, formatKey, height, themeVersion]);

  if (!drawable) return <div className="chart chart-placeholder" role="img" aria-label={label} data-chart={key} />;
  return <div className="chart" ref={ref} role="img" aria-label={label} style={{ minHeight: height }} />;
}
