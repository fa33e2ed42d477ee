// Search: one box over shipments (full text, with filters and paging), entities and watchlist entries.

import { api, el, usd, table, show, failure, params, go } from "./app.js";

function form(p) {
  const field = (name, label, attrs = {}) =>
    el("label", {}, label, el("input", Object.assign({ name, id: "f-" + name, value: p[name] || "" }, attrs)));
  const category = el(
    "select",
    { name: "category", id: "f-category" },
    ["", "drone", "drone_part", "chpl", "other"].map((c) =>
      el("option", { value: c, selected: (p.category || "") === c }, c || "any goods"),
    ),
  );
  return el(
    "form",
    {
      class: "search",
      id: "search-form",
      onsubmit: (e) => {
        e.preventDefault();
        const data = Object.fromEntries(new FormData(e.target));
        go("/search", data);
      },
    },
    el("input", {
      name: "q",
      id: "q",
      type: "search",
      placeholder: "party, goods, brand or list entry: квадрокоптер mavic, SZ DJI, 无人机",
      value: p.q || "",
      autofocus: true,
      "aria-label": "search",
    }),
    el("button", { type: "submit", id: "search-button" }, "Search"),
    el(
      "details",
      { open: Boolean(p.since || p.until || p.country || p.category) },
      el("summary", {}, "Shipment filters"),
      field("since", "since ", { type: "date" }),
      field("until", "until ", { type: "date" }),
      field("country", "country ", { size: 3, placeholder: "CN" }),
      field("hs", "HS prefix ", { size: 8 }),
      el("label", {}, "goods ", category),
    ),
  );
}

function entityTable(entities) {
  return table(
    entities,
    [
      ["canonical_name", "Entity", (v, r) => el("a", { href: `#/entity/${encodeURIComponent(r.entity_id)}`, class: "entity-link" }, v)],
      ["countries", "Countries"],
      ["roles", "Roles"],
      ["lines", "Lines"],
    ],
    { id: "entities" },
  );
}

function shipmentTable(hits) {
  return table(
    hits,
    [
      ["date", "Date"],
      ["description", "Description"],
      ["sender", "Sender", (v) => (v ? el("a", { href: "#/search?q=" + encodeURIComponent(v) }, v) : "")],
      ["recipient", "Recipient", (v) => (v ? el("a", { href: "#/search?q=" + encodeURIComponent(v) }, v) : "")],
      ["hs_code", "HS"],
      ["category", "Goods"],
      ["value_usd", "Value", (v) => usd(v)],
    ],
    { id: "shipments" },
  );
}

function listTable(entries) {
  return table(
    entries,
    [
      ["caption", "Listed name"],
      ["list_id", "List"],
      ["programmes", "Programmes"],
      ["matched_name", "Matched"],
      ["score", "Score", (v) => Number(v).toFixed(2)],
    ],
    { id: "list-entries" },
  );
}

export async function render() {
  const p = params();
  const top = form(p);
  if (!p.q && !p.since && !p.until && !p.country && !p.hs && !p.category) {
    show("search", top, el("p", { class: "hint" }, "Search shipments, resolved parties and watchlist entries in any script."));
    return;
  }
  show("search-loading", top, el("p", {}, "Searching…"));
  const filters = { q: p.q || "", since: p.since, until: p.until, country: p.country, hs: p.hs, category: p.category };
  let shipmentQuery = new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString();
  try {
    let [everything, ships] = await Promise.all([
      p.q ? api("/api/search?" + new URLSearchParams({ q: p.q, limit: 10 })) : Promise.resolve(null),
      api("/api/shipments?" + shipmentQuery + "&limit=25"),
    ]);
    let byParty = false;
    if (ships.total === 0 && p.q) {
      // No description has these words: they may be a party's name, so show that party's lines.
      const asParty = Object.assign({}, filters, { q: "", party: p.q });
      shipmentQuery = new URLSearchParams(Object.entries(asParty).filter(([, v]) => v)).toString();
      ships = await api("/api/shipments?" + shipmentQuery + "&limit=25");
      byParty = true;
    }
    const shipments = shipmentTable(ships.hits);
    const more = el("button", { id: "more-shipments", hidden: ships.next_offset === null }, "More shipments");
    let next = ships.next_offset;
    more.addEventListener("click", async () => {
      const page = await api(`/api/shipments?${shipmentQuery}&limit=25&offset=${next}`);
      const rows = shipmentTable(page.hits).querySelectorAll("tbody tr");
      shipments.querySelector("tbody").append(...rows);
      next = page.next_offset;
      more.hidden = next === null;
    });
    const parts = [top];
    if (everything) {
      parts.push(el("h2", {}, `Entities (${everything.entities.entities.length})`), entityTable(everything.entities.entities));
    }
    parts.push(el("h2", {}, `Shipments (${ships.total} lines ${byParty ? "name this party" : "match"})`), shipments, more);
    if (everything) {
      parts.push(el("h2", {}, `Watchlist entries (${everything.list_entries.length})`), listTable(everything.list_entries));
    }
    show("search", ...parts);
  } catch (err) {
    show("search", top, failure(err));
  }
}
