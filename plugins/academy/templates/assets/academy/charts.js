// @ts-check
// The quiz result's two SVG charts, drawn from numbers and words the caller
// (quiz-result.js) prepares: a radar of the levels reached per dimension and
// bars of the evidence at one level. The cohort report draws the same radar
// in Python (report/charts.py), because the report must work without scripts.

/**
 * One axis per dimension; values and target count rings from the centre
 * (0 = no level, ring n = the n-th level).
 * @typedef {{ title: string, description: string, ticks: string[],
 *   axes: { label: string, unassessed: boolean }[], values: number[], target: number | null }} RadarChart
 */
/**
 * evidence is 0–1, or null when the dimension is not assessed; text is shown after the bar.
 * @typedef {{ title: string, description: string, threshold: number,
 *   rows: { label: string, evidence: number | null, passed: boolean | null, text: string }[] }} BarChart
 */
(function () {
  "use strict";

  const core = window.Academy && window.Academy.core;
  if (!core) return;
  const { uniqueId } = core;
  const SVG = "http://www.w3.org/2000/svg";

  /** @param {string} tag @param {Record<string, string | number>} attributes @param {string} [text] */
  function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, String(value)));
    if (text != null) node.textContent = text;
    return node;
  }

  /** @param {"radar" | "bars"} kind @param {string} viewBox @param {string} title @param {string} description */
  function frame(kind, viewBox, title, description) {
    const id = uniqueId(`academy-${kind}`);
    const chart = svg("svg", {
      class: `academy-chart academy-chart--${kind}`,
      viewBox,
      role: "img",
      "aria-labelledby": id + "-title",
      "aria-describedby": id + "-desc",
    });
    chart.append(svg("title", { id: id + "-title" }, title), svg("desc", { id: id + "-desc" }, description));
    return chart;
  }

  /** @param {RadarChart} spec */
  function radar(spec) {
    const size = 360;
    const center = size / 2;
    const radius = 118;
    const steps = Math.max(spec.ticks.length, 1);
    const count = spec.axes.length;
    /** @param {number} index @param {number} value */
    const point = (index, value) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * index) / count;
      const r = (radius * value) / steps;
      return [center + r * Math.cos(angle), center + r * Math.sin(angle)];
    };
    /** @param {number[]} values */
    const polygon = (values) =>
      values.map((value, index) => point(index, value).map((xy) => xy.toFixed(1)).join(",")).join(" ");
    /** @param {number} ring */
    const everyAxis = (ring) => spec.axes.map(() => ring);
    const chart = frame("radar", `0 0 ${size} ${size}`, spec.title, spec.description);
    for (let ring = 1; ring <= steps; ring++) {
      chart.append(svg("polygon", { class: "academy-chart__grid", points: polygon(everyAxis(ring)) }));
      const [x, y] = point(0, ring);
      chart.append(svg("text", { class: "academy-chart__tick", x: x + 4, y: y + 10 }, spec.ticks[ring - 1]));
    }
    spec.axes.forEach((axis, index) => {
      const [x, y] = point(index, steps);
      chart.append(svg("line", { class: "academy-chart__axis", x1: center, y1: center, x2: x, y2: y }));
      const [lx, ly] = point(index, steps + 0.55);
      const anchor = Math.abs(lx - center) < 8 ? "middle" : lx > center ? "start" : "end";
      const style = "academy-chart__label" + (axis.unassessed ? " academy-chart__label--unassessed" : "");
      chart.append(svg("text", { class: style, x: lx, y: ly + 4, "text-anchor": anchor }, axis.label));
    });
    if (spec.target !== null) {
      chart.append(svg("polygon", { class: "academy-chart__target", points: polygon(everyAxis(spec.target)) }));
    }
    chart.append(svg("polygon", { class: "academy-chart__reached", points: polygon(spec.values) }));
    spec.values.forEach((value, index) => {
      const [x, y] = point(index, value);
      chart.append(svg("circle", { class: "academy-chart__dot", cx: x.toFixed(1), cy: y.toFixed(1), r: 3.5 }));
    });
    return chart;
  }

  /** @param {number} value */
  const clamp = (value) => Math.max(0, Math.min(1, value));

  /** @param {BarChart} spec */
  function bars(spec) {
    const left = 96;
    const width = 280;
    const row = 28;
    const top = 26;
    const height = top + row * spec.rows.length + 8;
    const chart = frame("bars", `0 0 ${left + width + 110} ${height}`, spec.title, spec.description);
    [0, 0.5, 1].forEach((tick) => {
      const x = left + width * tick;
      chart.append(svg("line", { class: "academy-chart__axis", x1: x, y1: top - 4, x2: x, y2: height - 6 }));
      chart.append(svg("text", { class: "academy-chart__tick", x, y: top - 10, "text-anchor": "middle" }, Math.round(tick * 100) + "%"));
    });
    spec.rows.forEach((item, index) => {
      const y = top + index * row;
      chart.append(svg("text", { class: "academy-chart__label", x: left - 8, y: y + 17, "text-anchor": "end" }, item.label));
      if (item.evidence == null) {
        chart.append(svg("text", { class: "academy-chart__value academy-chart__value--unassessed", x: left + 4, y: y + 17 }, item.text));
        return;
      }
      const w = clamp(item.evidence) * width;
      const kind = item.passed ? "passed" : "failed";
      chart.append(svg("rect", { class: `academy-chart__bar academy-chart__bar--${kind}`, x: left, y: y + 5, width: w.toFixed(1), height: row - 10 }));
      chart.append(svg("text", { class: "academy-chart__value", x: left + w + 6, y: y + 17 }, item.text));
    });
    const tx = left + width * clamp(spec.threshold);
    chart.append(svg("line", { class: "academy-chart__threshold", x1: tx, y1: top - 4, x2: tx, y2: height - 6 }));
    return chart;
  }

  window.Academy = Object.assign(window.Academy || {}, { charts: Object.freeze({ radar, bars }) });
})();
