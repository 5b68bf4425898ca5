// The soak's load generator (bench/scripts/soak.sh runs it; Node 18+, no dependencies). hey and h2load send one
// fixed body per run, and the soak must send varied prompts, so this sends each request with the next prompt of
// soak-prompts.mjs, open-loop at a fixed rate, through both ingresses, and posts feedback on some of the answers.
//
//   node soak-load.mjs capacity --http URL --seconds S --warmup S --concurrency C --prompts N
//       closed loop over POST URL/v1/chat/completions (model MoM); prints {"rps":...} of the measured seconds
//   node soak-load.mjs run --http URL --extproc URL --http-rate R --extproc-rate R --seconds S
//       --feedback-share F --token-env VAR --models a,b,c --prompts N --offset K --out FILE
//       open loop: requests start on schedule whatever is in flight; their latency is counted from the scheduled
//       start; each answer's request id gets feedback with probability F; one CSV line per request in FILE:
//       ingress,start_s,latency_ms,status,ok,error (ingress http | extproc | feedback)
//
// Everything goes to 127.0.0.1 only; prompts are never printed or written out.
import http from 'node:http';
import http2 from 'node:http2';
import fs from 'node:fs';
import { prompts as makePrompts, rng } from './soak-prompts.mjs';

const args = (() => {
  const out = { _: process.argv[2] };
  for (let i = 3; i < process.argv.length; i += 2) out[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
  return out;
})();
const num = (name, dflt) => (args[name] === undefined ? dflt : Number(args[name]));
for (const name of ['http', 'extproc']) {
  if (args[name] && !/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+$/.test(args[name])) {
    console.error(`--${name} must be a loopback http://host:port, got ${args[name]}`);
    process.exit(2);
  }
}

const TIMEOUT_MS = num('timeout-ms', 30000);
const MAX_IN_FLIGHT = num('max-in-flight', 1000);
const random = rng(num('seed', 7));
const pool = makePrompts(num('prompts', 12000));
// Where in the pool to start: the soak starts half-way, away from the prompts the capacity run left in the cache.
let next = num('offset', 0);
const nextPrompt = () => pool[next++ % pool.length].text;
const chance = (p) => random() < p;
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const SYSTEMS = ['You are a helpful assistant.', 'Answer briefly.', 'You are a careful senior engineer.',
  'Reply in plain language for a beginner.'];

/** A chat body: mostly one user turn; some with a system prompt; some a conversation of three turns. */
function chatBody(model, stream) {
  const messages = [];
  if (chance(0.2)) messages.push({ role: 'system', content: SYSTEMS[between(0, SYSTEMS.length - 1)] });
  if (chance(0.15)) {
    messages.push({ role: 'user', content: nextPrompt() });
    messages.push({ role: 'assistant', content: 'Here is a first answer. Anything else?' });
  }
  messages.push({ role: 'user', content: nextPrompt() });
  const body = { model, messages };
  if (stream) body.stream = true;
  if (chance(0.3)) body.user = `soak-user-${between(1, 200)}`;
  return JSON.stringify(body);
}

// Idle sockets are closed by the client after 30 s, before the server's idle_timeout (60 s) closes them: otherwise a
// request sent on a socket the server is closing at that moment fails with ECONNRESET (the keep-alive race every
// long-lived client must avoid; it failed 1 of 38,203 requests in a CI soak, the server logging no error).
const agent = new http.Agent({ keepAlive: true, maxSockets: num('sockets', 64), timeout: 30_000 });

/** One HTTP request; resolves {status, headers, body} or {error}. */
function httpCall(base, method, path, body, headers) {
  return new Promise((resolve) => {
    const url = new URL(path, base);
    const req = http.request({ agent, method, hostname: url.hostname, port: url.port, path: url.pathname,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      timeout: TIMEOUT_MS }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', (e) => resolve({ error: e.code || 'response_error' }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
    req.on('error', (e) => resolve({ error: e.code || 'request_error' }));
    req.end(body);
  });
}

/** A chat completion through the HTTP ingress; ok when 200 with an answer (JSON, or SSE ending with [DONE]). */
async function chat(base) {
  const stream = chance(0.1);
  const headers = chance(0.2) ? { 'x-session-id': `soak-session-${between(1, 300)}` } : {};
  const r = await httpCall(base, 'POST', '/v1/chat/completions', chatBody('MoM', stream), headers);
  if (r.error) return { status: 0, ok: false, error: r.error };
  let ok = r.status === 200;
  let error = ok ? '' : `status_${r.status}`;
  if (ok) {
    const text = r.body.toString();
    ok = stream ? text.includes('[DONE]') : text.includes('"choices"');
    if (!ok) error = 'no_answer';
  }
  return { status: r.status, ok, error, requestId: r.headers['x-switchboard-request-id'],
    model: r.headers['x-switchboard-model'] };
}

// ---- ExtProc: the four messages Envoy sends for a chat request in BUFFERED mode, hand-encoded protobuf ----------
const varint = (n) => { const b = []; while (n > 127) { b.push((n & 127) | 128); n >>>= 7; } b.push(n); return Buffer.from(b); };
const field = (no, bytes) => Buffer.concat([varint((no << 3) | 2), varint(bytes.length), bytes]);
const flag = (no, value) => Buffer.concat([varint(no << 3), varint(value)]);
const str = (s) => Buffer.from(s, 'utf8');
// HeaderMap { repeated HeaderValue headers = 1 }, HeaderValue { key = 1, raw_value = 3 }
const headerMap = (h) => Buffer.concat(Object.entries(h).map(([k, v]) => field(1, Buffer.concat([field(1, str(k)), field(3, str(v))]))));
// HttpHeaders { headers = 1, end_of_stream = 3 }, HttpBody { body = 1, end_of_stream = 2 }
const httpHeaders = (h, eos) => Buffer.concat([field(1, headerMap(h)), ...(eos ? [flag(3, 1)] : [])]);
const httpBody = (b) => Buffer.concat([field(1, str(b)), flag(2, 1)]);
// ProcessingRequest { request_headers = 2, response_headers = 3, request_body = 4, response_body = 5,
//   protocol_config = 11 { request_body_mode = 1, response_body_mode = 2 } }, BUFFERED = 2
const grpcFrame = (msg) => { const p = Buffer.alloc(5); p.writeUInt32BE(msg.length, 1); return Buffer.concat([p, msg]); };
const ANSWER = JSON.stringify({ id: 'chatcmpl-soak', object: 'chat.completion', created: 1763683200, model: 'stub',
  choices: [{ index: 0, message: { role: 'assistant', content: 'An answer from the soak.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 21, completion_tokens: 5, total_tokens: 26 } });
const RESPONSE_MESSAGES = Buffer.concat([
  grpcFrame(field(3, httpHeaders({ ':status': '200', 'content-type': 'application/json' }, false))),
  grpcFrame(field(5, httpBody(ANSWER)))]);

function requestMessages(requestId) {
  const headers = { ':method': 'POST', ':path': '/v1/chat/completions', ':authority': 'gateway.local',
    'content-type': 'application/json', 'x-request-id': requestId };
  if (chance(0.3)) headers['x-user-id'] = `soak-user-${between(1, 200)}`;
  if (chance(0.2)) headers['x-session-id'] = `soak-session-${between(1, 300)}`;
  return Buffer.concat([
    grpcFrame(Buffer.concat([field(2, httpHeaders(headers, false)), field(11, Buffer.concat([flag(1, 2), flag(2, 2)]))])),
    grpcFrame(field(4, httpBody(chatBody('MoM', false))))]);
}

/** The value of a header set in a ProcessingResponse (HeaderValue: key, then raw_value), or undefined. */
function headerValue(frame, name) {
  const key = Buffer.concat([Buffer.from([0x0a, name.length]), str(name)]);
  const at = frame.indexOf(key);
  if (at < 0 || frame[at + key.length] !== 0x1a) return undefined;
  const len = frame[at + key.length + 1];
  return frame.subarray(at + key.length + 2, at + key.length + 2 + len).toString();
}

const sessions = [];
function session(base, i) {
  let s = sessions[i];
  if (!s || s.closed || s.destroyed) {
    s = http2.connect(base, { settings: { enablePush: false } });
    s.on('error', () => {});
    s.unref();
    sessions[i] = s;
  }
  return s;
}
let streamNo = 0;

/**
 * One ExtProc stream as Envoy drives it: request headers and body, wait for both answers, then the backend's
 * response headers and body, half-close. ok when the stream ends with grpc-status 0 after four answers and the
 * request-body answer set x-selected-model.
 */
function extproc(base) {
  return new Promise((resolve) => {
    const requestId = `soak-x-${process.pid}-${++streamNo}`;
    let done = false;
    let status = 0;
    let grpcStatus;
    let frames = [];
    let pending = Buffer.alloc(0);
    const finish = (result) => { if (!done) { done = true; clearTimeout(timer); resolve(result); } };
    let req;
    let timer;
    try {
      req = session(base, streamNo % num('connections', 2)).request({ ':method': 'POST',
        ':path': '/envoy.service.ext_proc.v3.ExternalProcessor/Process', 'content-type': 'application/grpc', te: 'trailers' });
    } catch (e) {
      finish({ status: 0, ok: false, error: e.code || 'session_error' });
      return;
    }
    timer = setTimeout(() => { req.close(http2.constants.NGHTTP2_CANCEL); finish({ status, ok: false, error: 'timeout' }); }, TIMEOUT_MS);
    req.on('response', (h) => { status = Number(h[':status']); if (h['grpc-status'] !== undefined) grpcStatus = h['grpc-status']; });
    req.on('trailers', (t) => { grpcStatus = t['grpc-status']; });
    req.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 5 && pending.length >= 5 + pending.readUInt32BE(1)) {
        const len = pending.readUInt32BE(1);
        frames.push(pending.subarray(5, 5 + len));
        pending = pending.subarray(5 + len);
        if (frames.length === 2) req.end(RESPONSE_MESSAGES);
      }
    });
    req.on('error', (e) => finish({ status, ok: false, error: e.code || 'stream_error' }));
    req.on('close', () => {
      const model = frames.length >= 2 ? headerValue(frames[1], 'x-selected-model') : undefined;
      const ok = status === 200 && grpcStatus === '0' && frames.length === 4 && model !== undefined;
      const error = ok ? '' : status !== 200 ? `status_${status}` : grpcStatus !== '0' ? `grpc_status_${grpcStatus}`
        : frames.length !== 4 ? `answers_${frames.length}` : 'not_routed';
      finish({ status, ok, error, requestId, model });
    });
    req.write(requestMessages(requestId));
  });
}

// ---- Feedback: POST /api/v1/feedback, every type the API takes ---------------------------------------------------
const MODELS = (args.models ?? 'qwen-coder,gpt-4o,gemini-flash').split(',');
const VERDICTS = ['good_fit', 'underpowered', 'overprovisioned', 'failed'];
const token = args['token-env'] ? process.env[args['token-env']] : undefined;

function feedbackBody(requestId, served) {
  const other = MODELS.filter((m) => m !== served)[between(0, MODELS.length - 2)] ?? MODELS[0];
  const body = { request_id: requestId };
  switch (between(0, 5)) {
    case 0: body.type = 'thumbs_up'; break;
    case 1: body.type = 'thumbs_down'; break;
    case 2: body.type = 'rating'; body.score = Math.round(random() * 100) / 100; break;
    case 3: body.type = 'verdict'; body.verdict = VERDICTS[between(0, 3)]; break;
    case 4: if (served) { body.type = 'pairwise'; body.winner = chance(0.5) ? served : other; body.loser = body.winner === served ? other : served; break; }
    // falls through without a served model
    default: body.type = 'corrective'; body.model = other;
  }
  if (chance(0.5)) body.user_id = `soak-user-${between(1, 200)}`;
  return JSON.stringify(body);
}

async function feedback(base, requestId, served) {
  const r = await httpCall(base, 'POST', '/api/v1/feedback', feedbackBody(requestId, served),
    token ? { authorization: `Bearer ${token}` } : {});
  if (r.error) return { status: 0, ok: false, error: r.error };
  return { status: r.status, ok: r.status === 202, error: r.status === 202 ? '' : `status_${r.status}` };
}

// ---- Modes --------------------------------------------------------------------------------------------------------
const pct = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN);

async function capacity() {
  const seconds = num('seconds', 20);
  const warmup = num('warmup', 10);
  const workers = num('concurrency', 16);
  const start = performance.now();
  const measureFrom = start + warmup * 1000;
  const end = measureFrom + seconds * 1000;
  let ok = 0;
  let failed = 0;
  const latencies = [];
  const errors = {};
  await Promise.all(Array.from({ length: workers }, async () => {
    while (performance.now() < end) {
      const t = performance.now();
      const r = await chat(args.http);
      const now = performance.now();
      if (t < measureFrom || now > end) continue;
      if (r.ok) { ok++; latencies.push(now - t); } else { failed++; errors[r.error] = (errors[r.error] ?? 0) + 1; }
    }
  }));
  latencies.sort((a, b) => a - b);
  console.log(JSON.stringify({ rps: ok / seconds, ok, failed, errors, concurrency: workers,
    p50_ms: +pct(latencies, 0.5).toFixed(2), p99_ms: +pct(latencies, 0.99).toFixed(2) }));
}

async function run() {
  const seconds = num('seconds', 600);
  const feedbackShare = num('feedback-share', 0.3);
  const out = fs.createWriteStream(args.out);
  out.write('ingress,start_s,latency_ms,status,ok,error\n');
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  const totals = {};
  let inFlight = 0;
  const record = (ingress, scheduled, r) => {
    const t = (totals[ingress] ??= { sent: 0, ok: 0, failed: 0, errors: {} });
    t.sent++;
    if (r.ok) t.ok++; else { t.failed++; t.errors[r.error] = (t.errors[r.error] ?? 0) + 1; }
    out.write(`${ingress},${((scheduled - t0) / 1000).toFixed(3)},${(performance.now() - scheduled).toFixed(2)},${r.status},${r.ok ? 1 : 0},${r.error}\n`);
  };
  const launch = (ingress, scheduled, call) => {
    if (inFlight >= MAX_IN_FLIGHT) { record(ingress, scheduled, { status: 0, ok: false, error: 'client_max_in_flight' }); return; }
    inFlight++;
    call().then((r) => {
      inFlight--;
      record(ingress, scheduled, r);
      if (r.ok && r.requestId && chance(feedbackShare)) {
        const delay = between(50, 2000);
        inFlight++;
        setTimeout(() => {
          const at = performance.now();
          feedback(args.http, r.requestId, r.model).then((f) => { inFlight--; record('feedback', at, f); });
        }, delay);
      }
    });
  };
  const streams = [
    { ingress: 'http', rate: num('http-rate', 0), call: () => chat(args.http) },
    { ingress: 'extproc', rate: num('extproc-rate', 0), call: () => extproc(args.extproc) },
  ].filter((s) => s.rate > 0).map((s) => ({ ...s, k: 0 }));
  let lastReport = t0;
  await new Promise((resolve) => {
    const tick = setInterval(() => {
      const now = performance.now();
      for (const s of streams) {
        for (let at = t0 + (s.k * 1000) / s.rate; at <= now && at < end; at = t0 + (++s.k * 1000) / s.rate) {
          launch(s.ingress, at, s.call);
        }
      }
      if (now - lastReport >= 60000) {
        lastReport = now;
        console.error(`soak-load: ${Math.round((now - t0) / 1000)} s ` + Object.entries(totals)
          .map(([k, v]) => `${k} ${v.ok} ok ${v.failed} failed`).join(', ') + `, ${inFlight} in flight`);
      }
      if (now >= end) { clearInterval(tick); resolve(); }
    }, 2);
  });
  const drainUntil = performance.now() + TIMEOUT_MS + 3000;
  while (inFlight > 0 && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => out.end(r));
  console.log(JSON.stringify({ seconds, in_flight_at_end: inFlight, totals }));
  for (const s of sessions) s?.close();
  agent.destroy();
}

if (args._ === 'capacity') await capacity();
else if (args._ === 'run') await run();
else { console.error('usage: node soak-load.mjs capacity|run --http URL ...'); process.exit(2); }
