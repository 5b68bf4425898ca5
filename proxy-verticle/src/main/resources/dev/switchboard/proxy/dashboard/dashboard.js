// Switchboard's dashboard: polls the snapshot, renders it, and turns two snapshots into rates.
// Served by Switchboard itself; it loads nothing from anywhere else.
"use strict";

const SNAPSHOT = "/dashboard/api/snapshot";
const POLL_MS = 2000;
const TOKEN_KEY = "switchboard.admin_token";

let previous = null;

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function row(cells, attrs) {
  const tr = document.createElement("tr");
  for (const [key, value] of Object.entries(attrs || {})) tr.setAttribute(key, value);
  for (const cell of cells) {
    const td = el("td", cell.text !== undefined ? cell.text : cell, cell.num ? "num" : undefined);
    tr.appendChild(td);
  }
  return tr;
}

function fill(tableId, rows) {
  const body = document.querySelector("#" + tableId + " tbody");
  body.replaceChildren(...rows);
}

function count(n) { return n === null || n === undefined ? "–" : Math.round(n).toLocaleString("en-US"); }
function money(n) {
  if (n === null || n === undefined) return "–";
  if (n === 0) return "$0";
  return "$" + (Math.abs(n) < 0.01 ? n.toPrecision(3) : n.toFixed(2)); // a homelab's day can cost fractions of a cent
}
function percent(x) { return x === null || x === undefined ? "–" : (100 * x).toFixed(1) + " %"; }
function fixed(x, digits) { return x === null || x === undefined ? "–" : Number(x).toFixed(digits); }

// Per second between two snapshots; a series the previous snapshot lacked started from 0.
function rate(now, before, seconds) {
  if (previous === null || seconds <= 0) return null;
  return Math.max(0, (now - (before === undefined ? 0 : before)) / seconds);
}

function price(p) {
  if (!p) return "unknown";
  if (p.origin === "local") return "free (local)";
  const text = fixed(p.prompt_per_1m, 2) + " / " + fixed(p.completion_per_1m, 2) + " " + p.currency;
  return p.origin === "table" ? text + " (price table)" : text;
}

function render(s) {
  const seconds = previous ? (s.time_ms - previous.time_ms) / 1000 : 0;
  const before = {};
  const routesBefore = {};
  if (previous) {
    for (const m of previous.models) before[m.name] = m.requests;
    for (const r of previous.routes) routesBefore[r.decision + "\u0000" + r.model] = r.requests;
  }
  const total = s.routes.reduce((sum, r) => sum + r.requests, 0);
  const totalBefore = previous ? previous.routes.reduce((sum, r) => sum + r.requests, 0) : undefined;
  document.getElementById("total-requests").textContent = count(total);
  const totalRate = rate(total, totalBefore, seconds);
  document.getElementById("total-rate").textContent = totalRate === null ? "–" : totalRate.toFixed(1);
  document.getElementById("spend").textContent = money(s.spend.cost);
  document.getElementById("saved").textContent =
      money(s.spend.saved) + (s.spend.saved_share === null ? "" : " (" + percent(s.spend.saved_share) + ")");
  document.getElementById("cache").textContent = s.cache.lookups === 0 ? "–"
      : count(s.cache.hits) + " (" + percent(s.cache.hit_rate) + ")";
  const fallbacks = Object.values(s.fallbacks).reduce((a, b) => a + b, 0);
  document.getElementById("fallback-total").textContent = count(fallbacks);

  fill("models", s.models.map(m => {
    const r = rate(m.requests, before[m.name], seconds);
    return row([m.name, m.provider_model_id, price(m.price), {text: count(m.requests), num: true},
        {text: r === null ? "–" : r.toFixed(1), num: true},
        {text: count(m.prompt_tokens) + " / " + count(m.completion_tokens), num: true},
        {text: money(m.cost), num: true}], {"data-model": m.name});
  }));
  fill("routes", s.routes.map(r => {
    const perSecond = rate(r.requests, routesBefore[r.decision + "\u0000" + r.model], seconds);
    return row([r.decision, r.model, {text: count(r.requests), num: true},
        {text: perSecond === null ? "–" : perSecond.toFixed(1), num: true}]);
  }));
  fill("fallbacks", Object.entries(s.fallbacks).map(([reason, n]) => row([reason, {text: count(n), num: true}])));

  const bars = document.getElementById("latency");
  const most = Math.max(1, ...s.latency.bars.map(b => b.count));
  bars.replaceChildren(...s.latency.bars.map(b => {
    const line = el("div", null, "bar");
    line.appendChild(el("span", b.le_ms === null ? "slower" : "≤ " + b.le_ms + " ms"));
    const fillBar = el("div", null, "fill");
    fillBar.style.width = (100 * b.count / most) + "%";
    line.appendChild(fillBar);
    line.appendChild(el("span", count(b.count), "count"));
    return line;
  }));
  document.getElementById("latency-summary").textContent = s.latency.count === 0 ? "no decisions yet"
      : count(s.latency.count) + " decisions, mean " + fixed(s.latency.mean_ms, 2) + " ms, max "
        + fixed(s.latency.max_ms, 2) + " ms (recent)";

  const learned = document.getElementById("learned");
  if (s.learned.length === 0) {
    learned.replaceChildren(el("span", "nothing learned yet: feedback and outcomes teach the learners", "hint"));
  } else {
    learned.replaceChildren(...s.learned.map(scope => {
      const box = el("div", null, "scope");
      box.appendChild(el("div", scope.scope === "_global" ? "all decisions" : "decision " + scope.scope, "tag"));
      const table = el("table");
      table.appendChild(row(["model", "Elo rating", "reward (success share)", "observations", "comparisons"]));
      for (const m of scope.models) {
        table.appendChild(row([m.model, {text: fixed(m.rating, 0), num: true}, {text: percent(m.reward), num: true},
            {text: count(m.observations), num: true}, {text: count(m.comparisons), num: true}]));
      }
      box.appendChild(table);
      return box;
    }));
  }

  fill("recent", s.recent.map(d => row([d.time.replace("T", " ").replace("Z", ""), d.request_id, d.decision || "–",
      d.model, d.algorithm || "–", {text: fixed(d.confidence, 2), num: true}, d.reason,
      {text: fixed(d.routing_ms, 2), num: true}])));
  previous = s;
}

function setStatus(text, error) {
  const status = document.getElementById("status");
  status.textContent = text;
  status.className = error ? "status error" : "status";
}

async function poll() {
  const headers = {};
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers["Authorization"] = "Bearer " + token;
  try {
    const response = await fetch(SNAPSHOT, {headers, cache: "no-store"});
    if (response.status === 401 || response.status === 403) {
      document.getElementById("token-form").hidden = false;
      setStatus(token ? "the admin token was refused" : "an admin token is required", true);
    } else if (!response.ok) {
      setStatus("snapshot answered " + response.status, true);
    } else {
      document.getElementById("token-form").hidden = true;
      render(await response.json());
      setStatus("live, updated " + new Date().toLocaleTimeString());
    }
  } catch (e) {
    setStatus("cannot reach Switchboard", true);
  }
  setTimeout(poll, POLL_MS);
}

document.getElementById("token-form").addEventListener("submit", event => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, document.getElementById("token").value);
  document.getElementById("token").value = "";
});

poll();
