// One chart as inline SVG, written from the geometry charts.ts computed (d3-scale and
// d3-shape). role="img" with <title> and <desc>; series are told apart by pattern, dash and
// marker and named in a legend, and every bar and point carries its number, so nothing
// depends on colour. A function, like the components (src/views/components): the dashboard
// draws ten charts of up to a hundred shapes each, and every value is escaped here.
import { escapeHtml, trusted, type SafeHtml } from "../views/components/html";
import type { BarChart, Chart, LineChart, Pattern } from "./charts";

const blue = "#1d70b8";
const black = "#0b0c0c";
const grey = "#b1b4b6";

/** The fill patterns a bar chart's series may use, each defined once per chart (ids are per chart). */
function patternDefs(id: string): string {
  return (
    `<defs>` +
    `<pattern id="${id}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">` +
    `<rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="${blue}" stroke-width="3"/></pattern>` +
    `<pattern id="${id}-dots" patternUnits="userSpaceOnUse" width="6" height="6">` +
    `<rect width="6" height="6" fill="#ffffff"/><circle cx="3" cy="3" r="1.6" fill="${black}"/></pattern>` +
    `<pattern id="${id}-cross" patternUnits="userSpaceOnUse" width="6" height="6">` +
    `<rect width="6" height="6" fill="#ffffff"/><path d="M0 0L6 6M6 0L0 6" stroke="${black}" stroke-width="1"/></pattern>` +
    `</defs>`
  );
}

function barBody(chart: BarChart, id: string): string {
  const fillOf = (pattern: Pattern) => (pattern === "solid" ? blue : `url(#${id}-${pattern})`);
  let out = "";
  if (chart.series.length > 1) {
    chart.series.forEach((series, index) => {
      out +=
        `<g class="app-chart__legend" transform="translate(${String(chart.plotLeft + index * 210)}, 8)">` +
        `<rect width="16" height="16" fill="${fillOf(series.pattern)}" stroke="${black}" stroke-width="1"/>` +
        `<text x="22" y="13" font-size="13">${escapeHtml(series.name)}</text></g>`;
    });
  }
  for (const tick of chart.ticks) {
    out +=
      `<line x1="${String(tick.x)}" x2="${String(tick.x)}" y1="${String(chart.plotTop)}" y2="${String(chart.plotBottom)}" stroke="${grey}" stroke-width="1"/>` +
      `<text x="${String(tick.x)}" y="${String(chart.plotBottom + 16)}" font-size="12" text-anchor="middle">${escapeHtml(tick.label)}</text>`;
  }
  for (const category of chart.categories) {
    // A long name is cut short in the chart; the whole name is its tooltip (and in the table).
    const tooltip = category.shortLabel !== category.label ? `<title>${escapeHtml(category.label)}</title>` : "";
    out +=
      `<g class="app-chart__category">` +
      `<text x="${String(chart.plotLeft - 8)}" y="${String(category.labelY)}" font-size="13" text-anchor="end" dominant-baseline="middle">${tooltip}${escapeHtml(category.shortLabel)}</text>`;
    for (const bar of category.bars) {
      out +=
        `<rect x="${String(bar.x)}" y="${String(bar.y)}" width="${String(bar.width)}" height="${String(bar.height)}" fill="${fillOf(bar.pattern)}" stroke="${black}" stroke-width="${bar.width > 0 ? "1" : "0"}"/>` +
        `<text x="${String(bar.textX)}" y="${String(bar.textY)}" font-size="12" dominant-baseline="middle" data-value>${escapeHtml(bar.text)}</text>`;
    }
    out += `</g>`;
  }
  return (
    out +
    `<line x1="${String(chart.plotLeft)}" x2="${String(chart.plotLeft)}" y1="${String(chart.plotTop)}" y2="${String(chart.plotBottom)}" stroke="${black}" stroke-width="1"/>`
  );
}

function lineBody(chart: LineChart): string {
  let out = "";
  chart.series.forEach((series, index) => {
    out +=
      `<g class="app-chart__legend" transform="translate(${String(chart.plotLeft + index * 150)}, 8)">` +
      `<line x1="0" x2="28" y1="8" y2="8" stroke="${black}" stroke-width="2" stroke-dasharray="${escapeHtml(series.dash)}"/>` +
      `<path d="${escapeHtml(series.marker)}" transform="translate(14, 8)" fill="${black}"/>` +
      `<text x="34" y="13" font-size="13">${escapeHtml(series.name)}</text></g>`;
  });
  for (const tick of chart.yTicks) {
    out +=
      `<line x1="${String(chart.plotLeft)}" x2="${String(chart.plotRight)}" y1="${String(tick.y)}" y2="${String(tick.y)}" stroke="${grey}" stroke-width="1"/>` +
      `<text x="${String(chart.plotLeft - 6)}" y="${String(tick.y)}" font-size="12" text-anchor="end" dominant-baseline="middle">${escapeHtml(tick.label)}</text>`;
  }
  for (const tick of chart.xTicks) {
    out += `<text x="${String(tick.x)}" y="${String(chart.plotBottom + 18)}" font-size="11" text-anchor="middle">${escapeHtml(tick.label)}</text>`;
  }
  for (const series of chart.series) {
    const marker = escapeHtml(series.marker);
    const name = escapeHtml(series.name);
    out += `<g class="app-chart__series"><path d="${escapeHtml(series.path)}" fill="none" stroke="${black}" stroke-width="2" stroke-dasharray="${escapeHtml(series.dash)}"/>`;
    for (const point of series.points) {
      out += `<path d="${marker}" transform="translate(${String(point.x)}, ${String(point.y)})" fill="${blue}" stroke="${black}" stroke-width="1"><title>${name}: ${String(point.value)}</title></path>`;
    }
    out += `</g>`;
  }
  return (
    out +
    `<line x1="${String(chart.plotLeft)}" x2="${String(chart.plotRight)}" y1="${String(chart.plotBottom)}" y2="${String(chart.plotBottom)}" stroke="${black}" stroke-width="1"/>`
  );
}

/** The chart as SVG, named by its title and described by its summary (the figures are in the table beneath). */
export function chartSvg(params: { chart: Chart; title: string; summary: string }): SafeHtml {
  const { chart } = params;
  // Ids are the app's own dataset names, escaped all the same.
  const id = escapeHtml(chart.id);
  return trusted(
    `<svg class="app-chart" role="img" aria-labelledby="${id}-chart-title ${id}-chart-desc" viewBox="0 0 ${String(chart.width)} ${String(chart.height)}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg" data-chart="${id}">` +
      `<title id="${id}-chart-title">${escapeHtml(params.title)}</title><desc id="${id}-chart-desc">${escapeHtml(params.summary)}</desc>` +
      patternDefs(id) +
      (chart.kind === "bar" ? barBody(chart, id) : lineBody(chart)) +
      `</svg>`,
  );
}
