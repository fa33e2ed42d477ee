// The UI shell: hash routing, the API client (bearer token kept in sessionStorage when the server asks for one), and small DOM helpers the views share.

const TOKEN_KEY = "tradetrail.token";

/** Calls the API; on 401 asks for a token once and retries. Throws an Error carrying the server's message. */
export async function api(path, options = {}) {
  const headers = Object.assign({ Accept: "application/json" }, options.headers || {});
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = "Bearer " + token;
  if (options.body && typeof options.body !== "string") {
    headers["Content-Type"] = "application/json";
    options = Object.assign({}, options, { body: JSON.stringify(options.body) });
  }
  const res = await fetch(path, Object.assign({}, options, { headers }));
  if (res.status === 401 && !options.retried) {
    const given = window.prompt("This server needs a token (Authorization: Bearer). Token:");
    if (given) {
      sessionStorage.setItem(TOKEN_KEY, given.trim());
      return api(path, Object.assign({}, options, { retried: true }));
    }
  }
  const type = res.headers.get("content-type") || "";
  const body = type.includes("json") ? await res.json() : await res.text();
  if (!res.ok) {
    const detail = body && body.detail ? body.detail : res.statusText;
    const err = new Error(`${res.status}: ${detail}`);
    err.status = res.status;
    throw err;
  }
  return body;
}

/**
 * Fetches a file with the bearer token, since a plain link cannot send it, then saves it (filename) or opens it in a new tab (open).
 * Returns the handler a link's onclick takes; the link keeps its real href for saving by hand on a server without tokens.
 */
export function fileLink(path, { filename = null, open = false } = {}) {
  return async (ev) => {
    ev.preventDefault();
    const headers = {};
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = "Bearer " + token;
    const res = await fetch(path, { headers });
    if (!res.ok) {
      window.alert(`${res.status}: ${await res.text()}`);
      return;
    }
    const url = URL.createObjectURL(await res.blob());
    if (open) {
      window.open(url, "_blank", "noopener");
    } else {
      const a = el("a", { href: url, download: filename || "export" });
      document.body.append(a);
      a.click();
      a.remove();
    }
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  };
}

/** Creates an element: el("a", {href: "#"}, "text", child). Attributes starting with "on" become listeners. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** USD with thousands separators and no cents. */
export function usd(v) {
  if (v === null || v === undefined || Number.isNaN(Number(v))) return "–";
  return "$" + Math.round(Number(v)).toLocaleString("en-US");
}

/** A table of rows (objects) with the given columns: [key, title, render?]. */
export function table(rows, columns, attrs = {}) {
  const head = el("tr", {}, columns.map(([, title]) => el("th", {}, title)));
  const body = rows.map((r) =>
    el("tr", {}, columns.map(([key, , render]) => el("td", {}, render ? render(r[key], r) : fmt(r[key])))),
  );
  return el("table", Object.assign({ class: "rows" }, attrs), el("thead", {}, head), el("tbody", {}, body));
}

function fmt(v) {
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.join(", ");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** Replaces the view's content and marks it ready, so tests and people know rendering finished. */
export function show(view, ...children) {
  const main = document.getElementById("view");
  main.replaceChildren(...children.flat(2).filter((c) => c !== null && c !== undefined && c !== false));
  main.dataset.view = view;
  main.dataset.ready = "true";
}

/** An error box with the server's message. */
export function failure(err) {
  return el("p", { class: "error", role: "alert" }, String(err.message || err));
}

/** The query parameters of the current hash (#/search?q=x → {q: "x"}). */
export function params() {
  const hash = location.hash.slice(1);
  const i = hash.indexOf("?");
  return Object.fromEntries(new URLSearchParams(i < 0 ? "" : hash.slice(i + 1)));
}

/** Navigates to a hash route with parameters. */
export function go(path, query = {}) {
  const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== "" && v !== undefined && v !== null));
  const s = q.toString();
  location.hash = "#" + path + (s ? "?" + s : "");
}

export let whoami = { name: "", role: "read-only" };

const routes = [
  [/^\/search$/, () => import("./search.js").then((m) => m.render())],
  [/^\/entity\/([^/?]+)$/, (id) => import("./entity.js").then((m) => m.render(decodeURIComponent(id)))],
  [/^\/graph\/([^/?]+)$/, (id) => import("./graph.js").then((m) => m.render(decodeURIComponent(id)))],
  [/^\/findings$/, () => import("./findings.js").then((m) => m.renderQueue())],
  [/^\/findings\/([^/?]+)$/, (id) => import("./findings.js").then((m) => m.renderOne(decodeURIComponent(id)))],
  [/^\/hits$/, () => import("./review.js").then((m) => m.renderHits())],
  [/^\/audit$/, () => import("./review.js").then((m) => m.renderAudit())],
  [/^\/report$/, () => import("./report.js").then((m) => m.render())],
];

async function route() {
  const main = document.getElementById("view");
  main.dataset.ready = "false";
  const hash = location.hash.slice(1) || "/search";
  const path = hash.split("?")[0];
  for (const [re, view] of routes) {
    const m = path.match(re);
    if (m) {
      try {
        await view(...m.slice(1));
      } catch (err) {
        show("error", failure(err));
      }
      return;
    }
  }
  show("error", failure(new Error(`no page ${path}`)));
}

async function start() {
  try {
    whoami = await api("/api/whoami");
    document.getElementById("who").textContent = `${whoami.name} (${whoami.role})`;
  } catch (err) {
    document.getElementById("who").textContent = String(err.message);
  }
  window.addEventListener("hashchange", route);
  await route();
}

start();
