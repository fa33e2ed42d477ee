// The interactive trade graph (Cytoscape.js): an entity's neighbourhood, expanded by clicking a node (or its Expand button), filtered by goods, dates and value, with a traced chain highlighted.

import { api, el, usd, show, failure, params, go } from "./app.js";

const STYLE = [
  { selector: "node", style: { label: "data(label)", "font-size": 9, "background-color": "#7a8ca5", width: 18, height: 18, "text-wrap": "ellipsis", "text-max-width": 140 } },
  { selector: "node.center", style: { "background-color": "#c0392b", width: 26, height: 26 } },
  { selector: "node.expanded", style: { "border-width": 2, "border-color": "#2c3e50" } },
  { selector: "edge", style: { width: "data(width)", "line-color": "#b8c4d6", "target-arrow-color": "#b8c4d6", "target-arrow-shape": "triangle", "curve-style": "bezier", label: "data(label)", "font-size": 7, color: "#555" } },
  { selector: ".chain", style: { "line-color": "#e67e22", "target-arrow-color": "#e67e22", "background-color": "#e67e22", "z-index": 10 } },
  { selector: ".faded", style: { opacity: 0.25 } },
];

function widthOf(value) {
  return Math.max(1, Math.min(10, Math.log10(1 + (value || 0)) - 2));
}

function filtersForm(p, id) {
  const input = (name, label, attrs = {}) => el("label", {}, label, el("input", Object.assign({ name, id: "g-" + name, value: p[name] || "" }, attrs)));
  return el(
    "form",
    {
      class: "filters",
      id: "graph-filters",
      onsubmit: (e) => {
        e.preventDefault();
        go(`/graph/${encodeURIComponent(id)}`, Object.fromEntries(new FormData(e.target)));
      },
    },
    el("label", {}, "goods ", el("select", { name: "goods", id: "g-goods" }, ["", "drone", "drone_part", "chpl", "other"].map((g) => el("option", { value: g, selected: (p.goods || "") === g }, g || "all goods")))),
    input("since", "since ", { type: "date" }),
    input("until", "until ", { type: "date" }),
    input("min_value", "min USD ", { type: "number", min: 0, step: 1000 }),
    el("button", { type: "submit" }, "Apply"),
  );
}

export async function render(id) {
  const p = params();
  const query = new URLSearchParams(Object.entries({ goods: p.goods, since: p.since, until: p.until, min_value: p.min_value }).filter(([, v]) => v));
  const box = el("div", { id: "cy", class: "cy" });
  const side = el("div", { class: "side" });
  const status = el("p", { id: "graph-status" }, "Loading the neighbourhood…");
  const traceCountry = el("input", { id: "trace-country", value: p.to || "RU", size: 3, "aria-label": "destination country" });
  const traceButton = el("button", { id: "trace-button", type: "button" }, "Highlight top chain");
  show(
    "graph",
    el("h1", {}, "Trade graph"),
    el("p", {}, el("a", { href: `#/entity/${encodeURIComponent(id)}` }, "← entity page"), " Click a node to expand its counterparts; edges are sized by value."),
    filtersForm(p, id),
    el("div", { class: "trace" }, "Chain from this entity to ", traceCountry, " ", traceButton),
    status,
    el("div", { class: "graph-layout" }, box, side),
  );
  const cy = window.cytoscape({ container: box, style: STYLE, elements: [], wheelSensitivity: 0.3 });
  window.ttGraph = cy;
  const expanded = new Set();

  function layout() {
    cy.layout({ name: "cose", animate: false, randomize: false, nodeRepulsion: 8000, idealEdgeLength: 90 }).run();
    box.dataset.nodes = String(cy.nodes().length);
    box.dataset.edges = String(cy.edges().length);
    renderSide();
  }

  function add(hood, center) {
    for (const n of hood.nodes) {
      if (cy.getElementById(n.id).empty()) {
        cy.add({ group: "nodes", data: { id: n.id, label: `${n.name} [${n.country || "??"}]`, name: n.name, country: n.country } });
      }
    }
    for (const e of hood.edges) {
      const eid = `${e.source}>${e.target}`;
      if (cy.getElementById(eid).empty()) {
        cy.add({ group: "edges", data: { id: eid, source: e.source, target: e.target, value: e.value_usd, width: widthOf(e.value_usd), label: usd(e.value_usd), lines: e.lines, goods: e.goods.join(" ") } });
      }
    }
    if (center) cy.getElementById(center).addClass("center");
  }

  async function expand(nodeId, center = false) {
    if (expanded.has(nodeId)) return;
    status.textContent = "Expanding…";
    try {
      const hood = await api(`/api/graph/neighbourhood/${encodeURIComponent(nodeId)}?${query}&limit=25`);
      expanded.add(nodeId);
      add(hood, center ? nodeId : null);
      cy.getElementById(nodeId).addClass("expanded");
      layout();
      status.textContent = `${cy.nodes().length} entities, ${cy.edges().length} edges shown (${hood.total_edges} edges of the last expanded entity pass the filters).`;
    } catch (err) {
      status.replaceWith(failure(err));
    }
  }

  function renderSide() {
    const rows = cy
      .nodes()
      .sort((a, b) => a.data("name").localeCompare(b.data("name")))
      .map((n) =>
        el(
          "li",
          { class: expanded.has(n.id()) ? "expanded" : "" },
          el("a", { href: `#/entity/${encodeURIComponent(n.id())}` }, n.data("label")),
          " ",
          expanded.has(n.id()) ? el("span", { class: "muted" }, "expanded") : el("button", { type: "button", class: "expand", "data-id": n.id(), onclick: () => expand(n.id()) }, "Expand"),
        ),
      );
    side.replaceChildren(el("h3", {}, "Entities"), el("ul", { id: "graph-nodes" }, rows));
  }

  cy.on("tap", "node", (evt) => expand(evt.target.id()));

  traceButton.addEventListener("click", async () => {
    const to = traceCountry.value.trim().toUpperCase();
    const q = new URLSearchParams({ from: id, limit: 5, max_hops: 8 });
    if (to) q.set("to_country", to);
    if (p.goods) q.set("goods", p.goods);
    try {
      const r = await api(`/api/trace?${q}`);
      cy.elements().removeClass("chain faded");
      if (!r.paths.length) {
        status.textContent = `No chain from this entity${to ? " to " + to : ""} within the window.`;
        return;
      }
      const path = r.paths[0];
      for (const h of path.hops) {
        add({ nodes: [{ id: h.from, name: h.from_name, country: h.from_country }, { id: h.to, name: h.to_name, country: h.to_country }], edges: [{ source: h.from, target: h.to, value_usd: h.value_usd, lines: 1, goods: [h.category] }] });
      }
      layout();
      cy.elements().addClass("faded");
      for (const h of path.hops) {
        cy.getElementById(h.from).removeClass("faded").addClass("chain");
        cy.getElementById(h.to).removeClass("faded").addClass("chain");
        cy.getElementById(`${h.from}>${h.to}`).removeClass("faded").addClass("chain");
      }
      status.textContent = `Top chain: ${path.hops.length} hops, delivered ${usd(path.delivered_usd)} (${r.found} chains found); evidence: ${path.hops.map((h) => `${h.file}:${h.line}`).join(", ")}.`;
      box.dataset.chain = String(path.hops.length);
    } catch (err) {
      status.textContent = String(err.message);
    }
  });

  await expand(id, true);
  document.getElementById("view").dataset.ready = "true";
}
