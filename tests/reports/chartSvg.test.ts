// The charts' SVG (src/reports/chartSvg.ts): named and described for screen readers, every
// shape's number written beside it, long names kept whole in a tooltip, and every piece of
// text escaped (country and department names come from reference data people edit).
import { load } from "cheerio";
import { describe, expect, it } from "vitest";
import { barChart, lineChart } from "../../src/reports/charts";
import { chartSvg } from "../../src/reports/chartSvg";

const hostile = `<script>alert("x")</script> & "quoted"`;

describe("chartSvg", () => {
  it("draws a bar per value, with its number, and keeps a long name whole in the label's tooltip", () => {
    const longName = "The Democratic Republic of São Tomé and Príncipe and Elsewhere";
    const chart = barChart(
      "by-country",
      ["Submitted", "Decided"],
      [
        { label: longName, values: [12, 3] },
        { label: "Chile", values: [4, null] },
      ],
    );
    const $ = load(chartSvg({ chart, title: "By partner country", summary: "Two countries." }).html, {
      xml: true,
    });
    const svg = $("svg");
    expect(svg.attr("role")).toBe("img");
    expect(svg.attr("aria-labelledby")).toBe("by-country-chart-title by-country-chart-desc");
    expect($("#by-country-chart-title").text()).toBe("By partner country");
    expect($("#by-country-chart-desc").text()).toBe("Two countries.");
    expect(
      $("text[data-value]")
        .map((_, element) => $(element).text())
        .get(),
    ).toEqual(["12 (Submitted)", "3 (Decided)", "4 (Submitted)", "none"]);
    // Two series: each number names its series, a legend names them, and the second is
    // hatched, not told apart by colour.
    expect(
      $("g.app-chart__legend text")
        .map((_, element) => $(element).text())
        .get(),
    ).toEqual(["Submitted", "Decided"]);
    expect($("g.app-chart__category").first().find("rect").eq(1).attr("fill")).toBe("url(#by-country-hatch)");
    expect($("#by-country-hatch").length).toBe(1);
    const label = $("g.app-chart__category").first().children("text").first();
    expect(label.children("title").text()).toBe(longName);
    expect(label.text().replace(longName, "").length).toBeLessThan(longName.length);
    // A short name has no tooltip; a missing value draws a bar of no width, with no outline.
    const chile = $("g.app-chart__category").eq(1);
    expect(chile.children("text").first().children("title").length).toBe(0);
    expect(chile.find("rect").eq(1).attr("width")).toBe("0");
    expect(chile.find("rect").eq(1).attr("stroke-width")).toBe("0");
  });

  it("draws a line per series with a marker per point, each point's value in its tooltip", () => {
    const chart = lineChart(
      "months",
      ["Submitted", "Decided"],
      [
        { label: "Aug", values: [5, 1] },
        { label: "Sep", values: [7, 2] },
        { label: "Oct", values: [6, 4] },
      ],
    );
    const $ = load(chartSvg({ chart, title: "Per month", summary: "Three months." }).html, { xml: true });
    expect($("g.app-chart__series").length).toBe(2);
    expect(
      $("g.app-chart__series")
        .first()
        .find("path > title")
        .map((_, element) => $(element).text())
        .get(),
    ).toEqual(["Submitted: 5", "Submitted: 7", "Submitted: 6"]);
    // The second line is dashed: the series differ by more than colour.
    const dashes = $("g.app-chart__series > path[fill='none']")
      .map((_, element) => $(element).attr("stroke-dasharray"))
      .get();
    expect(dashes[0]).not.toBe(dashes[1]);
    expect(
      $("svg > text")
        .map((_, element) => $(element).text())
        .get(),
    ).toEqual(expect.arrayContaining(["Aug", "Sep", "Oct"]));
  });

  it("escapes every piece of text it is given", () => {
    const bars = barChart("x", [hostile, "Other"], [{ label: hostile, values: [1, 2] }]);
    const lines = lineChart("y", [hostile], [{ label: hostile, values: [1] }]);
    for (const chart of [bars, lines]) {
      const html = chartSvg({ chart, title: hostile, summary: hostile }).html;
      expect(html).not.toContain("<script>");
      expect(html).toContain("&lt;script&gt;");
      const $ = load(html, { xml: true });
      expect($("title").first().text()).toBe(hostile);
    }
  });
});
