// Chart geometry for the reports: d3-scale and d3-shape do the arithmetic here, on the
// server, and chartSvg.ts writes the SVG (every value escaped). Series are told
// apart by fill pattern, line dash and marker shape as well as by their labels, never by
// colour alone; each bar and point carries its number as text.
import { scaleBand, scaleLinear, scalePoint } from "d3-scale";
import { line, symbol, symbolCircle, symbolSquare, symbolTriangle } from "d3-shape";

/** Fills for series, in order: solid, diagonal hatching, dots, cross-hatching. */
export const patterns = ["solid", "hatch", "dots", "cross"] as const;
export type Pattern = (typeof patterns)[number];

export interface Series {
  name: string;
}

export interface BarChart {
  kind: "bar";
  id: string;
  width: number;
  height: number;
  plotLeft: number;
  plotTop: number;
  plotBottom: number;
  series: { name: string; pattern: Pattern }[];
  ticks: { x: number; label: string }[];
  categories: {
    label: string;
    /** The label as drawn: a long one is cut short (the full one is its tooltip and in the table). */
    shortLabel: string;
    labelY: number;
    bars: {
      x: number;
      y: number;
      width: number;
      height: number;
      pattern: Pattern;
      text: string;
      textX: number;
      textY: number;
    }[];
  }[];
}

export interface LineChart {
  kind: "line";
  id: string;
  width: number;
  height: number;
  plotLeft: number;
  plotRight: number;
  plotTop: number;
  plotBottom: number;
  yTicks: { y: number; label: string }[];
  xTicks: { x: number; label: string }[];
  series: {
    name: string;
    path: string;
    dash: string;
    marker: string;
    points: { x: number; y: number; value: number }[];
  }[];
}

export type Chart = BarChart | LineChart;

const width = 680;
const labelWidth = 230;
const valueSpace = 150;
const barHeight = 18;
/** Characters of a category's name that fit beside the bars. */
const maxLabel = 34;

// One formatter for every number: toLocaleString with options builds a new one per call, which
// was a third of the dashboard's rendering time (several thousand numbers a page).
const numberFormat = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 0, maximumFractionDigits: 1 });

/** 17,387 and 13.5: thousands grouped, as the page's tables print them. */
export const formatNumber = (value: number) => numberFormat.format(value);

/**
 * Horizontal bars, one group per category and one bar per series. A null value (nothing to
 * measure) draws no bar and says "none".
 */
export function barChart(
  id: string,
  series: readonly (string | { name: string; short: string })[],
  categories: readonly { label: string; values: readonly (number | null)[] }[],
): BarChart {
  const names = series.map((item) => (typeof item === "string" ? item : item.name));
  const shorts = series.map((item) => (typeof item === "string" ? item : item.short));
  const groupHeight = series.length * barHeight + 12;
  const plotTop = series.length > 1 ? 34 : 8;
  const plotBottom = plotTop + Math.max(1, categories.length) * groupHeight;
  const height = plotBottom + 28;
  const max = Math.max(1, ...categories.flatMap((category) => category.values.map((value) => value ?? 0)));
  const x = scaleLinear()
    .domain([0, max])
    .nice()
    .range([labelWidth, width - valueSpace]);
  const y = scaleBand()
    .domain(categories.map((_, index) => String(index)))
    .range([plotTop, plotBottom])
    .paddingInner(0.15)
    .paddingOuter(0.05);
  const inner = scaleBand()
    .domain(series.map((_, index) => String(index)))
    .range([0, y.bandwidth()])
    .padding(0.1);
  return {
    kind: "bar",
    id,
    width,
    height,
    plotLeft: labelWidth,
    plotTop,
    plotBottom,
    series: names.map((name, index) => ({ name, pattern: patterns[index % patterns.length] ?? "solid" })),
    // Four or five ticks: the plot is 300 units wide, and "16,000" needs about 40 of them.
    ticks: x
      .ticks(Math.min(4, max))
      .filter((tick) => Number.isInteger(tick))
      .map((tick) => ({ x: x(tick), label: formatNumber(tick) })),
    categories: categories.map((category, index) => {
      const top = y(String(index)) ?? plotTop;
      return {
        label: category.label,
        shortLabel:
          category.label.length > maxLabel ? `${category.label.slice(0, maxLabel - 1).trimEnd()}…` : category.label,
        labelY: top + y.bandwidth() / 2,
        bars: category.values.map((value, seriesIndex) => {
          const barY = top + (inner(String(seriesIndex)) ?? 0);
          const barWidth = value === null ? 0 : x(value) - labelWidth;
          return {
            x: labelWidth,
            y: barY,
            width: barWidth,
            height: inner.bandwidth(),
            pattern: patterns[seriesIndex % patterns.length] ?? "solid",
            text:
              value === null
                ? "none"
                : series.length > 1
                  ? `${formatNumber(value)} (${shorts[seriesIndex] ?? ""})`
                  : formatNumber(value),
            textX: labelWidth + barWidth + 4,
            textY: barY + inner.bandwidth() / 2,
          };
        }),
      };
    }),
  };
}

const markers = [symbolCircle, symbolSquare, symbolTriangle];
const dashes = ["", "8 4", "2 3"];

/** Lines over a sequence of periods (months), one per series, each with its own dash and marker. */
export function lineChart(
  id: string,
  series: readonly string[],
  periods: readonly { label: string; values: readonly number[] }[],
): LineChart {
  const plotLeft = 44;
  const plotRight = width - 16;
  const plotTop = 34;
  const plotBottom = 230;
  const max = Math.max(1, ...periods.flatMap((period) => period.values));
  const x = scalePoint()
    .domain(periods.map((_, index) => String(index)))
    .range([plotLeft + 10, plotRight - 10]);
  const y = scaleLinear().domain([0, max]).nice().range([plotBottom, plotTop]);
  const every = Math.ceil(periods.length / 12);
  return {
    kind: "line",
    id,
    width,
    height: plotBottom + 40,
    plotLeft,
    plotRight,
    plotTop,
    plotBottom,
    yTicks: y
      .ticks(5)
      .filter((tick) => Number.isInteger(tick))
      .map((tick) => ({ y: y(tick), label: formatNumber(tick) })),
    xTicks: periods.flatMap((period, index) =>
      index % every === 0 ? [{ x: x(String(index)) ?? plotLeft, label: period.label }] : [],
    ),
    series: series.map((name, seriesIndex) => {
      const points = periods.map((period, index) => ({
        x: x(String(index)) ?? plotLeft,
        y: y(period.values[seriesIndex] ?? 0),
        value: period.values[seriesIndex] ?? 0,
      }));
      return {
        name,
        path:
          line<{ x: number; y: number }>()
            .x((point) => point.x)
            .y((point) => point.y)(points) ?? "",
        dash: dashes[seriesIndex % dashes.length] ?? "",
        marker: symbol(markers[seriesIndex % markers.length] ?? symbolCircle, 48)() ?? "",
        points,
      };
    }),
  };
}
