// The entity page: names by script, identifiers, addresses, roles, a timeline of shipments by month, counterparts, watchlist hits, findings and recent lines.

import { api, el, usd, table, show, whoami, fileLink } from "./app.js";

function list(title, values) {
  const items = (values || []).filter(Boolean);
  if (!items.length) return null;
  return el("div", { class: "facts" }, el("h3", {}, title), el("ul", {}, items.map((v) => el("li", {}, v))));
}

/** Monthly value by role as a stacked bar chart (ECharts, SVG). */
export function timeline(node, months) {
  const labels = [...new Set(months.map((m) => m.month))].sort();
  const roles = [...new Set(months.map((m) => m.role))].sort();
  const series = roles.map((role) => ({
    name: role,
    type: "bar",
    stack: "value",
    data: labels.map((month) => {
      const row = months.find((m) => m.month === month && m.role === role);
      return row ? Math.round(row.value_usd || 0) : 0;
    }),
  }));
  const chart = window.echarts.init(node, null, { renderer: "svg" });
  chart.setOption({
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 70, right: 20, top: 30, bottom: 40 },
    xAxis: { type: "category", data: labels },
    yAxis: { type: "value", name: "USD" },
    series,
  });
  node.dataset.drawn = "true";
  return chart;
}

function counterpartTable(rows, id) {
  return table(
    rows,
    [
      ["name", "Counterpart", (v, r) => el("a", { href: `#/entity/${encodeURIComponent(r.entity_id)}` }, v)],
      ["country", "Country"],
      ["lines", "Lines"],
      ["value_usd", "Value", (v) => usd(v)],
      ["first", "First"],
      ["last", "Last"],
    ],
    { id },
  );
}

/** The entity's mentions; an analyst may say one is not the same party as the main mention, or the same as another mention key. */
function mentions(rows, id) {
  const main = rows.length ? rows[0].mention_key : null;
  const message = el("span", { id: "pair-message", role: "status" });
  const judge = (a, b, decision) => async () => {
    try {
      const j = await api("/api/judgements/pairs", { method: "POST", body: { a, b, decision } });
      message.textContent = `Saved: ${j.decision} (before: ${j.before}); applied by the next \`tradetrail entities build\`.`;
    } catch (err) {
      message.textContent = String(err.message);
    }
  };
  const columns = [["name", "Mention"], ["script", "Script"], ["role", "Role"], ["lines", "Lines"], ["mention_key", "Key", (v) => el("code", {}, v)]];
  if (whoami.role === "analyst") {
    columns.push(["mention_key", "Judge", (v) => (v === main ? el("span", { class: "muted" }, "main") : el("button", { type: "button", onclick: judge(main, v, "not-same") }, "Not the same party"))]);
  }
  const other = el("input", { id: "pair-other", size: 24, placeholder: "another mention key" });
  const form = whoami.role === "analyst" && main
    ? el("p", {}, "Same party as mention ", other, " ", el("button", { type: "button", onclick: () => judge(main, other.value.trim(), "same")() }, "Same"), " ", message)
    : null;
  return [table(rows, columns, { id: "mentions" }), form];
}

export async function render(id) {
  const page = await api(`/api/entities/${encodeURIComponent(id)}`);
  const e = page.entity;
  const chartBox = el("div", { class: "chart", id: "timeline" });
  const parts = [
    el(
      "div",
      { class: "title" },
      el("h1", { id: "entity-name" }, e.canonical_name),
      el("code", {}, e.entity_id),
      el(
        "p",
        { class: "actions" },
        el("a", { href: `#/graph/${encodeURIComponent(e.entity_id)}`, id: "open-graph", class: "button" }, "Open trade graph"),
        " ",
        el("a", { href: `#/findings?entity=${encodeURIComponent(e.entity_id)}`, class: "button" }, "Findings queue"),
        " ",
        exportLink(e.entity_id),
      ),
    ),
    el(
      "div",
      { class: "grid" },
      list("Latin names", e.names_latin),
      list("Cyrillic names", e.names_cyrillic),
      list("Chinese names", e.names_han),
      list("Other names", e.names_other),
      list("Identifiers", e.identifiers),
      list("Addresses", e.addresses),
      list("Countries", e.countries),
      list("Roles", e.roles),
    ),
    el("p", {}, `${e.lines} shipment-line mentions, ${e.mentions} distinct mentions.`),
    el("h2", {}, "Shipments by month (USD)"),
    chartBox,
    el("h2", {}, "Sends to"),
    counterpartTable(page.counterparts.out, "counterparts-out"),
    el("h2", {}, "Receives from"),
    counterpartTable(page.counterparts.in, "counterparts-in"),
    el("h2", {}, `Watchlist hits (${page.hits.length})`),
    table(page.hits, [
      ["caption", "Listed name"],
      ["list_name", "List"],
      ["score", "Score", (v) => Number(v).toFixed(2)],
      ["status", "Status"],
      ["listing_date", "Listed"],
      ["lines_after_listing", "Lines after listing"],
    ]),
    el("h2", {}, `Findings (${page.findings.length})`),
    table(
      page.findings,
      [
        ["code", "Code"],
        ["severity", "Severity", (v) => el("span", { class: "sev " + v }, v)],
        ["summary", "Summary", (v, r) => el("a", { href: `#/findings/${encodeURIComponent(r.finding_id)}` }, v)],
        ["first_date", "From"],
        ["last_date", "To"],
      ],
      { id: "entity-findings" },
    ),
    el("h2", {}, `Mentions (${page.mentions.length})`),
    mentions(page.mentions, id),
    el("h2", {}, "Recent lines"),
    table(page.recent_shipments, [
      ["declaration_date", "Date"],
      ["role", "Role"],
      ["sender_name", "Sender"],
      ["recipient_name", "Recipient"],
      ["description", "Description"],
      ["value_usd", "Value", (v) => usd(v)],
      ["source_file", "Source", (v, r) => `${r.dataset} ${v}:${r.source_line}`],
    ]),
  ];
  show("entity", ...parts);
  if (page.months.length) timeline(chartBox, page.months);
  else chartBox.replaceWith(el("p", {}, "No dated lines."));
}

/** The entity's lines as CSV, fetched with the bearer token when the server has one. */
function exportLink(entityId) {
  const sql = `SELECT s.* FROM shipments s JOIN party_mentions p ON p.record_id = s.record_id WHERE p.entity_id = '${entityId}' ORDER BY s.declaration_date, s.record_id`;
  const href = `/api/export?format=csv&sql=${encodeURIComponent(sql)}`;
  return el("a", { href, class: "button", onclick: fileLink(href, { filename: `${entityId}-lines.csv` }) }, "Export lines (CSV)");
}
