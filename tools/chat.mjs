// Chats through Switchboard's OpenAI-compatible proxy with the official `openai` npm client, and shows where the
// request went (the x-switchboard-* response headers).
//
//   node tools/chat.mjs [--stream] [--model MoM] [--base-url http://127.0.0.1:8080/v1] "your prompt"
//
// The proxy holds the providers' keys; the client's key is not checked, so any value works.
import OpenAI from 'openai';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    stream: { type: 'boolean', default: false },
    model: { type: 'string', default: 'MoM' },
    'base-url': { type: 'string', default: process.env.SWITCHBOARD_URL ?? 'http://127.0.0.1:8080/v1' },
  },
});
const prompt = positionals.join(' ');
if (!prompt) {
  console.error('usage: node tools/chat.mjs [--stream] [--model MoM] [--base-url URL] "your prompt"');
  process.exit(2);
}

const client = new OpenAI({ baseURL: values['base-url'], apiKey: process.env.OPENAI_API_KEY ?? 'unused', maxRetries: 0 });
const request = { model: values.model, messages: [{ role: 'user', content: prompt }], stream: values.stream };

function printRouting(headers) {
  for (const name of ['model', 'decision', 'algorithm', 'confidence', 'reason', 'request-id']) {
    const value = headers.get(`x-switchboard-${name}`);
    if (value !== null) console.log(`x-switchboard-${name}: ${value}`);
  }
}

try {
  const { data, response } = await client.chat.completions.create(request).withResponse();
  printRouting(response.headers);
  if (values.stream) {
    let text = '';
    let chunks = 0;
    for await (const chunk of data) {
      chunks++;
      text += chunk.choices[0]?.delta?.content ?? '';
    }
    console.log(`answer (${chunks} chunks): ${text}`);
  } else {
    console.log(`answer from ${data.model}: ${data.choices[0].message.content}`);
  }
} catch (error) {
  console.error(`error ${error.status ?? ''}: ${error.message}`);
  process.exit(1);
}
