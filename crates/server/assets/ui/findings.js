// The findings queue (filters, paging, status from the analyst's judgements) and one finding with its features, evidence rows and the confirm, dismiss and note buttons.

import { api, el, usd, table, show, failure, params, go, whoami } from "./app.js";

function filters(p) {
  const select = (name, values, label) =>
    el("label", {}, label, el("select", { name, id: "q-" + name }, values.map((v) => el("option", { value: v, selected: (p[name] || "") === v }, v || "any"))));
  return el(
    "form",
    {
      class: "filters",
      id: "findings-filters",
      onsubmit: (e) => {
        e.preventDefault();
        go("/findings", Object.fromEntries(new FormData(e.target)));
      },
    },
    select("severity", ["", "low", "medium", "high"], "severity ≥ "),
    select("status", ["", "open", "confirmed", "dismissed"], " status "),
    el("label", {}, " code ", el("input", { name: "code", value: p.code || "", size: 16, placeholder: "TT-UNDERVALUE" })),
    el("label", {}, " entity ", el("input", { name: "entity", value: p.entity || "", size: 20 })),
    el("button", { type: "submit" }, "Filter"),
  );
}

export async function renderQueue() {
  const p = params();
  const offset = Number(p.offset || 0);
  const q = new URLSearchParams(Object.entries({ severity: p.severity, status: p.status, code: p.code, entity: p.entity, limit: 25, offset }).filter(([, v]) => v !== undefined && v !== ""));
  const top = filters(p);
  try {
    const page = await api(`/api/findings?${q}`);
    const rows = table(
      page.findings,
      [
        ["severity", "Severity", (v) => el("span", { class: "sev " + v }, v)],
        ["code", "Code"],
        ["entity_name", "Entity", (v, r) => (r.entity_id ? el("a", { href: `#/entity/${encodeURIComponent(r.entity_id)}` }, v || r.entity_id) : "")],
        ["summary", "Summary", (v, r) => el("a", { href: `#/findings/${encodeURIComponent(r.finding_id)}`, class: "finding-link" }, v)],
        ["score", "Score", (v) => Number(v).toFixed(2)],
        ["status", "Status", (v) => el("span", { class: "status " + v }, v)],
      ],
      { id: "findings" },
    );
    const nav = el(
      "p",
      { class: "pager" },
      offset > 0 ? el("a", { href: "#", onclick: (e) => { e.preventDefault(); go("/findings", Object.assign({}, p, { offset: Math.max(0, offset - 25) })); } }, "← previous") : null,
      ` ${offset + 1}–${offset + page.findings.length} of ${page.total} `,
      page.next_offset !== null ? el("a", { href: "#", id: "next-page", onclick: (e) => { e.preventDefault(); go("/findings", Object.assign({}, p, { offset: page.next_offset })); } }, "next →") : null,
    );
    show("findings", el("h1", {}, "Findings"), top, nav, rows);
  } catch (err) {
    show("findings", el("h1", {}, "Findings"), top, failure(err));
  }
}

function evidenceTable(rows) {
  return table(
    rows,
    [
      ["declaration_date", "Date"],
      ["sender_name", "Sender"],
      ["recipient_name", "Recipient"],
      ["description", "Description"],
      ["hs_code", "HS"],
      ["quantity", "Qty", (v, r) => (v === null ? "" : `${v} ${r.unit || ""}`)],
      ["value_usd", "Value", (v) => usd(v)],
      ["source_file", "Source row", (v, r) => `${r.dataset} ${v}:${r.source_line}`],
    ],
    { id: "evidence" },
  );
}

function judgementButtons(id, after) {
  if (whoami.role !== "analyst") return el("p", { class: "muted" }, "Read-only: judgements need an analyst token.");
  const note = el("textarea", { id: "note", rows: 2, cols: 60, placeholder: "note (required for Note, optional otherwise)" });
  const message = el("span", { id: "judge-message", role: "status" });
  const act = (action) => async () => {
    message.textContent = "Saving…";
    try {
      const j = await api(`/api/findings/${encodeURIComponent(id)}/judgements`, { method: "POST", body: { action, note: note.value || null } });
      message.textContent = `Saved: ${j.before} → ${j.status} by ${j.who}.`;
      await after();
    } catch (err) {
      message.textContent = String(err.message);
    }
  };
  return el(
    "div",
    { class: "judge" },
    el("button", { type: "button", id: "confirm", class: "confirm", onclick: act("confirm") }, "Confirm"),
    el("button", { type: "button", id: "dismiss", class: "dismiss", onclick: act("dismiss") }, "Dismiss"),
    el("button", { type: "button", id: "add-note", onclick: act("note") }, "Note"),
    el("button", { type: "button", id: "reopen", onclick: act("reopen") }, "Reopen"),
    el("div", {}, note),
    message,
  );
}

export async function renderOne(id) {
  const page = await api(`/api/findings/${encodeURIComponent(id)}`);
  const f = page.finding;
  const reload = async () => {
    const keep = document.getElementById("judge-message")?.textContent;
    await renderOne(id);
    const m = document.getElementById("judge-message");
    if (m && keep) m.textContent = keep;
  };
  show(
    "finding",
    el("p", {}, el("a", { href: "#/findings" }, "← findings queue")),
    el("h1", {}, `${f.code}: `, el("span", { class: "sev " + f.severity }, f.severity)),
    el("p", { class: "summary" }, f.summary),
    el("p", {}, "Status: ", el("strong", { id: "status", "data-status": f.status, class: "status " + f.status }, f.status), f.entity_id ? [" · entity ", el("a", { href: `#/entity/${encodeURIComponent(f.entity_id)}` }, f.entity_name || f.entity_id)] : null),
    judgementButtons(id, reload),
    el("h2", {}, `Score ${Number(f.score).toFixed(2)}: the sum of these features`),
    table(f.features || [], [["name", "Feature"], ["value", "Value"], ["contribution", "Contribution"]]),
    el("h2", {}, `Evidence rows (${page.evidence.length})`),
    evidenceTable(page.evidence),
    f.evidence_list_entries ? el("p", {}, "Watchlist entries: ", f.evidence_list_entries.join(", ")) : null,
    f.evidence_paths ? el("p", {}, "Graph paths: ", f.evidence_paths.map((p) => p.join(" → ")).join("; ")) : null,
    el("h2", {}, "Judgements"),
    table(page.judgements, [["at", "When"], ["who", "Who"], ["action", "Action"], ["before", "Before"], ["status", "After"], ["note", "Note"]], { id: "judgements" }),
  );
}
