// Watchlist hits to confirm or clear, and the audit log of every judgement (who, when, before, after).

import { api, el, table, show, failure, params, go, whoami } from "./app.js";

export async function renderHits() {
  const p = params();
  const status = p.status || "open";
  const pick = el(
    "select",
    { id: "hit-status", onchange: (e) => go("/hits", { status: e.target.value }) },
    ["open", "reopened", "confirmed", "cleared", ""].map((s) => el("option", { value: s, selected: s === status }, s || "all")),
  );
  try {
    const page = await api(`/api/hits?${new URLSearchParams({ status, limit: 100 })}`);
    const review = (r, decision) => async () => {
      try {
        await api(`/api/hits/${encodeURIComponent(r.entity_id)}/${encodeURIComponent(r.entry_id)}/review`, { method: "POST", body: { decision } });
        await renderHits();
      } catch (err) {
        window.alert(err.message);
      }
    };
    const columns = [
      ["entity_name", "Entity", (v, r) => el("a", { href: `#/entity/${encodeURIComponent(r.entity_id)}` }, v)],
      ["caption", "Listed name"],
      ["list_name", "List"],
      ["programmes", "Programmes"],
      ["score", "Score", (v) => Number(v).toFixed(2)],
      ["lines_after_listing", "Lines after listing"],
      ["status", "Status", (v) => el("span", { class: "status " + v }, v)],
    ];
    if (whoami.role === "analyst") {
      columns.push(["entry_id", "Review", (v, r) => [el("button", { type: "button", onclick: review(r, "confirm") }, "Confirm"), " ", el("button", { type: "button", onclick: review(r, "clear") }, "Clear")]]);
    }
    show("hits", el("h1", {}, "Watchlist hits"), el("p", {}, "Status ", pick, ` · ${page.total} hits`), table(page.hits, columns, { id: "hits" }));
  } catch (err) {
    show("hits", el("h1", {}, "Watchlist hits"), failure(err));
  }
}

export async function renderAudit() {
  const p = params();
  const q = new URLSearchParams(Object.entries({ kind: p.kind, limit: 200, offset: p.offset || 0 }).filter(([, v]) => v !== undefined && v !== ""));
  try {
    const page = await api(`/api/audit?${q}`);
    show(
      "audit",
      el("h1", {}, "Audit log"),
      el("p", {}, "Every judgement on pairs of mentions, watchlist hits and findings, in commit order."),
      table(
        page.entries,
        [
          ["id", "#"],
          ["at", "When"],
          ["who", "Who"],
          ["kind", "Kind"],
          ["subject", "Subject", (v, r) => (r.kind === "finding" ? el("a", { href: `#/findings/${encodeURIComponent(v)}` }, v) : v)],
          ["action", "Action"],
          ["before", "Before"],
          ["after", "After"],
          ["note", "Note"],
        ],
        { id: "audit" },
      ),
    );
  } catch (err) {
    show("audit", el("h1", {}, "Audit log"), failure(err));
  }
}
