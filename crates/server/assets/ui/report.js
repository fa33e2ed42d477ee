// The report view: the route Sankey between countries (ECharts) and the investigation report's sections, each table with the query that reproduces it.

import { api, el, usd, show, failure, params, go, fileLink } from "./app.js";

/** Country routes as a Sankey; senders and recipients are separate nodes so a country trading with itself draws no cycle. */
export function sankey(node, routes) {
  const from = (c) => `${c} ▸`;
  const to = (c) => `▸ ${c}`;
  const links = routes.filter((r) => r.value_usd > 0).map((r) => ({ source: from(r.from), target: to(r.to), value: Math.round(r.value_usd) }));
  const names = [...new Set(links.flatMap((l) => [l.source, l.target]))].sort();
  const chart = window.echarts.init(node, null, { renderer: "svg" });
  chart.setOption({
    animation: false,
    tooltip: { trigger: "item" },
    series: [{ type: "sankey", data: names.map((name) => ({ name })), links, emphasis: { focus: "adjacency" }, label: { fontSize: 11 } }],
  });
  node.dataset.drawn = "true";
}

function scopeForm(p) {
  return el(
    "form",
    {
      class: "filters",
      id: "report-scope",
      onsubmit: (e) => {
        e.preventDefault();
        go("/report", Object.fromEntries(new FormData(e.target)));
      },
    },
    el("label", {}, "goods ", el("select", { name: "goods" }, ["drones", "drone", "drone_part", "chpl", "all"].map((g) => el("option", { value: g, selected: (p.goods || "drones") === g }, g)))),
    el("label", {}, " to ", el("input", { name: "to", value: p.to || "RU", size: 3 })),
    el("label", {}, " since ", el("input", { name: "since", type: "date", value: p.since || "2022-02-24" })),
    el("label", {}, " until ", el("input", { name: "until", type: "date", value: p.until || "" })),
    el("button", { type: "submit" }, "Build"),
  );
}

function cell(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Math.abs(v) >= 1000 ? Math.round(v).toLocaleString("en-US") : String(v);
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

function section(s) {
  const query = s.query.sql || s.query.command || "";
  return el(
    "section",
    { class: "report-section", id: "section-" + s.id },
    el("h2", {}, s.title),
    s.note ? el("p", { class: "note" }, s.note) : null,
    el(
      "table",
      { class: "rows" },
      el("thead", {}, el("tr", {}, s.table.columns.map((c) => el("th", {}, c)))),
      el("tbody", {}, s.table.rows.slice(0, 50).map((r) => el("tr", {}, r.map((v) => el("td", {}, cell(v)))))),
    ),
    s.table.rows.length > 50 ? el("p", { class: "muted" }, `first 50 of ${s.table.rows.length} rows`) : null,
    el("details", {}, el("summary", {}, "query"), el("pre", {}, query)),
  );
}

export async function render() {
  const p = params();
  const scope = new URLSearchParams({ goods: p.goods || "drones", to: p.to || "RU", since: p.since ?? "2022-02-24", until: p.until || "" });
  const goods = { drones: "", drone: "drone", drone_part: "drone_part", chpl: "chpl", all: "" }[p.goods || "drones"] || "";
  const chartBox = el("div", { class: "chart", id: "sankey" });
  show("report-loading", el("h1", {}, "Report"), scopeForm(p), el("p", {}, "Building the report…"));
  try {
    const [report, routes] = await Promise.all([api(`/api/report?${scope}`), api(`/api/graph/routes?${new URLSearchParams({ goods, limit: 30 })}`).catch(() => ({ routes: [] }))]);
    show(
      "report",
      el("h1", {}, report.title),
      scopeForm(p),
      el("p", { class: "headline", id: "headline" }, report.headline.text),
      el("p", {}, el("a", { href: `/api/report.html?${scope}`, onclick: fileLink(`/api/report.html?${scope}`, { open: true }) }, "Open the self-contained HTML report"), " · ", el("a", { href: `/api/report?${scope}`, onclick: fileLink(`/api/report?${scope}`, { filename: "report.json" }) }, "JSON")),
      el("h2", {}, "Routes between countries (all senders and recipients in the graph, USD)"),
      chartBox,
      report.sections.map(section),
      el("h2", {}, "What the data cannot show"),
      el("ul", {}, report.limits.map((l) => el("li", {}, l))),
    );
    if (routes.routes.length) sankey(chartBox, routes.routes);
    else chartBox.replaceWith(el("p", {}, `No routes in the trade graph (${usd(0)}).`));
  } catch (err) {
    show("report", el("h1", {}, "Report"), scopeForm(p), failure(err));
  }
}
