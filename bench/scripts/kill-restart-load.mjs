// Load for kill-restart.sh: chat requests (model MoM, prompts of several kinds, never one repeated prompt) from
// CONCURRENCY workers until the file STOP exists, with thumbs-up feedback on every third answer. One CSV line per
// request on stdout: epoch_ms,kind,status,retry_after (status 0: no HTTP answer, e.g. connection refused).
//   node kill-restart-load.mjs BASE_URL CONCURRENCY STOP_FILE [FEEDBACK_TOKEN]
import { existsSync } from 'node:fs';

const [base, concurrency, stopFile, token] = process.argv.slice(2);
const subjects = ['a linked list', 'a binary heap', 'an LRU cache', 'a trie', 'a rate limiter', 'a ring buffer'];
const kinds = [
  (i) => `Write a Rust function implementing ${subjects[i % subjects.length]} (variant ${i})`,
  (i) => `What is ${i} multiplied by ${i % 97 + 3}, and why?`,
  (i) => `Summarise in two sentences why a city might build bike lane number ${i}`,
  (i) => `Compare the trade-offs of ${subjects[i % subjects.length]} against a plain array for case ${i}`,
];
let counter = 0;

async function post(path, body, headers = {}) {
  try {
    const response = await fetch(base + path, {
      method: 'POST', body: JSON.stringify(body), signal: AbortSignal.timeout(30_000),
      headers: { 'content-type': 'application/json', ...headers },
    });
    await response.arrayBuffer();
    return response;
  } catch {
    return null;
  }
}

function record(kind, response) {
  const retryAfter = response?.headers.get('retry-after') ?? '';
  process.stdout.write(`${Date.now()},${kind},${response ? response.status : 0},${retryAfter}\n`);
}

async function worker() {
  while (!existsSync(stopFile)) {
    const i = counter++;
    const chat = await post('/v1/chat/completions', {
      model: 'MoM', messages: [{ role: 'user', content: kinds[i % kinds.length](i) }],
    });
    record('chat', chat);
    const requestId = chat?.status === 200 ? chat.headers.get('x-switchboard-request-id') : null;
    if (requestId && i % 3 === 0) {
      record('feedback', await post('/api/v1/feedback', { request_id: requestId, type: 'thumbs_up' },
        token ? { authorization: `Bearer ${token}` } : {}));
    }
    if (!chat) await new Promise((r) => setTimeout(r, 20)); // refused: do not spin
  }
}

await Promise.all(Array.from({ length: Number(concurrency) }, worker));
