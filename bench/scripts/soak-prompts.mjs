// Invented prompts for the soak (bench/scripts/soak.sh): templates of eight kinds (code, math, chat, translation,
// facts, summaries, analysis, writing) filled from word lists by a seeded generator, so that a run sends thousands of
// distinct prompts of different lengths and topics, the same ones on every run. Nothing here comes from a data set.
//
//   import { prompts } from './soak-prompts.mjs'; prompts(count, seed) → [{kind, text}], distinct texts, shuffled
//   node bench/scripts/soak-prompts.mjs [count]   prints how many there are per kind and three of each kind

export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const W = {
  lang: ['Python', 'Rust', 'Go', 'JavaScript', 'TypeScript', 'Java', 'Kotlin', 'C', 'C++', 'Ruby', 'Elixir', 'Haskell'],
  codeTask: ['parses an ISO 8601 date', 'merges two sorted lists', 'deduplicates a list while keeping order',
    'computes a rolling average over a window', 'finds the longest palindromic substring', 'validates an email address',
    'counts word frequencies in a file', 'flattens a nested dictionary', 'implements an LRU cache',
    'retries an HTTP call with exponential backoff', 'splits a CSV line that may contain quoted commas',
    'checks whether a binary tree is balanced', 'converts Roman numerals to integers', 'rotates a matrix by 90 degrees',
    'computes the edit distance of two strings', 'batches items into groups of N', 'reads a config file with defaults',
    'detects a cycle in a linked list', 'generates all permutations of a string', 'throttles calls to once per second',
    'topologically sorts a dependency graph', 'parses a query string into a map', 'computes a SHA-256 of a stream',
    'finds the k most frequent elements', 'formats a byte count as KiB, MiB or GiB'],
  codeExtra: ['', ' without recursion', ' in O(n log n)', ' with type hints', ' and handles empty input',
    ' using only the standard library', ' with a doc comment and an example', ' that is safe to call from many threads'],
  bug: ['panics with an index out of range', 'leaks memory', 'hangs forever', 'returns None instead of a list',
    'gives a different answer on every run', 'is ten times slower than expected', 'fails only in CI',
    'throws a null pointer exception', 'deadlocks under load', 'prints garbled unicode'],
  action: ['read a large file', 'run it with two threads', 'pass an empty string', 'upgrade the compiler',
    'sort more than a million items', 'call it from an async handler', 'deploy it in a container', 'add a second index'],
  unit: ['class', 'module', 'function', 'test suite', 'build script', 'SQL query', 'REST handler'],
  goal: ['is easier to test', 'uses less memory', 'has no global state', 'reads top to bottom',
    'returns errors instead of throwing', 'can be extended with plugins', 'runs in constant space'],
  howto: ['read a file line by line', 'spawn a subprocess and capture its output', 'parse JSON into a struct',
    'write a table-driven test', 'profile a slow loop', 'set a timeout on a network call', 'pin a dependency version',
    'cross-compile for ARM', 'log structured JSON', 'cancel a running task cleanly'],
  theorem: ['the square root of 2 is irrational', 'there are infinitely many primes', 'the sum of the first n odd numbers is n squared',
    'every tree with n nodes has n minus 1 edges', 'a bipartite graph has no odd cycle', 'the harmonic series diverges',
    'the product of two odd numbers is odd', 'any two consecutive integers are coprime'],
  func: ['x^3 sin(x)', 'e^(2x) / x', 'ln(x^2 + 1)', 'sqrt(1 + 4x)', 'x cos(x^2)', 'tan(3x) - x', '(x^2 - 1)/(x + 2)'],
  greeting: ['Hi there', 'Hello', 'Good morning', 'Hey', 'Evening', 'Hiya'],
  smalltalk: ['how is your day going?', 'what should I cook tonight with rice and spinach?', 'any ideas for a rainy Sunday?',
    'tell me something cheerful.', 'what is a good name for a grey cat?', 'can you suggest a board game for four people?',
    'what is a fun fact about octopuses?', 'I just finished a long week, say something nice.'],
  genre: ['mystery', 'science fiction', 'comedy', 'historical', 'fantasy', 'documentary', 'romance', 'thriller'],
  medium: ['novel', 'film', 'podcast', 'TV series', 'short story collection', 'graphic novel'],
  occasion: ['long flight', 'family evening', 'quiet weekend', 'book club', 'train commute', 'birthday gift'],
  mood: ['tired', 'a bit anxious', 'unmotivated', 'restless', 'cheerful but scattered', 'overwhelmed'],
  selfGoal: ['focus better', 'sleep earlier', 'get some exercise', 'stop procrastinating', 'feel calmer', 'plan my week'],
  phrase: ['where is the train station', 'I would like a cup of coffee', 'the meeting is moved to Thursday',
    'please close the window', 'how much does this cost', 'thank you for your help', 'my luggage is lost',
    'we are out of milk again', 'the museum opens at nine', 'could you speak more slowly', 'happy birthday to you',
    'the weather is lovely today', 'I am allergic to peanuts', 'turn left after the bridge'],
  language: ['French', 'German', 'Spanish', 'Italian', 'Portuguese', 'Dutch', 'Japanese', 'Korean', 'Turkish',
    'Polish', 'Swedish', 'Greek'],
  country: ['Portugal', 'Kenya', 'Chile', 'Vietnam', 'Norway', 'Morocco', 'Peru', 'Finland', 'Ghana', 'Nepal',
    'Uruguay', 'Mongolia', 'Ireland', 'Laos', 'Tunisia'],
  factQ: ['What is the capital of', 'What currency is used in', 'Which languages are spoken in', 'What is the population of',
    'What is the highest mountain in', 'What time zone is', 'What is the national dish of'],
  sciQ: ['Why is the sky blue?', 'How do vaccines train the immune system?', 'What causes the seasons?',
    'How does a refrigerator move heat?', 'Why do onions make you cry?', 'How does GPS know where I am?',
    'What is the difference between weather and climate?', 'Why does ice float?', 'How do bees make honey?'],
  subject: ['The city council', 'A small bakery', 'The research team', 'Our hiking group', 'The school board',
    'A regional airline', 'The library', 'A local football club', 'The startup'],
  verb: ['announced', 'postponed', 'reviewed', 'approved', 'cancelled', 'expanded', 'tested', 'redesigned'],
  object: ['a new bus route', 'its opening hours', 'the annual budget', 'a recycling program', 'the spring festival',
    'a pilot for remote work', 'its loyalty card', 'the summer timetable', 'a volunteer scheme'],
  reason: ['after complaints from residents', 'to cut costs', 'because of the heat wave', 'following a survey',
    'to reach more families', 'after a delay in funding', 'to meet new safety rules'],
  optA: ['PostgreSQL', 'Kafka', 'a monolith', 'Kubernetes', 'renting', 'an electric car', 'gRPC', 'a static site',
    'event sourcing', 'a four-day week'],
  optB: ['MongoDB', 'RabbitMQ', 'microservices', 'plain VMs', 'buying', 'a hybrid car', 'REST', 'a CMS',
    'CRUD tables', 'flexible hours'],
  context: ['a team of five', 'a startup with no ops staff', 'a bank', 'a hobby project', 'a city of 200,000 people',
    'a company growing fast', 'a research lab', 'a family of four'],
  phenomenon: ['interest rates affect house prices', 'a recession can follow a boom', 'ant colonies find short paths',
    'regression to the mean fools managers', 'remote teams drift apart', 'caches make systems harder to reason about',
    'monopolies raise prices', 'biodiversity makes ecosystems resilient'],
  length: ['300-word', 'two-paragraph', 'five-paragraph', '1,000-word', 'short', 'detailed'],
  topic: ['the history of the printing press', 'why cities should plant more trees', 'the ethics of self-driving cars',
    'what makes a good teacher', 'the future of public libraries', 'how the internet changed letter writing',
    'the case for and against nuclear power', 'why people love mystery novels', 'lessons from failed software projects'],
  tone: ['formal', 'friendly', 'persuasive', 'neutral', 'playful'],
};

const pick = (r, list) => list[Math.floor(r() * list.length)];
// Two options that belong together (PostgreSQL or MongoDB, renting or buying).
const pair = (r) => { const i = Math.floor(r() * W.optA.length); return `${W.optA[i]} and ${W.optB[i]}`; };
const int = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));

const KINDS = {
  code: [
    (r) => `Write a ${pick(r, W.lang)} function that ${pick(r, W.codeTask)}${pick(r, W.codeExtra)}.`,
    (r) => `Why does my ${pick(r, W.lang)} code ${pick(r, W.bug)} when I ${pick(r, W.action)}?`,
    (r) => `Refactor this ${pick(r, W.lang)} ${pick(r, W.unit)} so that it ${pick(r, W.goal)}.`,
    (r) => `Write unit tests in ${pick(r, W.lang)} for a function that ${pick(r, W.codeTask)}.`,
    (r) => `How do I ${pick(r, W.howto)} in ${pick(r, W.lang)}?`,
    (r) => `Debug this: a ${pick(r, W.lang)} service ${pick(r, W.bug)} after I ${pick(r, W.action)}. Where do I start?`,
  ],
  math: [
    (r) => `What is ${int(r, 12, 999)} times ${int(r, 12, 999)}?`,
    (r) => `Solve for x: ${int(r, 2, 40)}x + ${int(r, 1, 200)} = ${int(r, 201, 900)}.`,
    (r) => `Prove that ${pick(r, W.theorem)}.`,
    (r) => `What is the derivative of ${pick(r, W.func)}? Show each step.`,
    (r) => `A train leaves at ${int(r, 5, 11)}:00 at ${int(r, 40, 160)} km/h and another at ${int(r, 12, 16)}:00 at ` +
      `${int(r, 60, 200)} km/h on the same track. When does the second catch up?`,
    (r) => `A shop sells ${int(r, 2, 30)} apples at ${int(r, 20, 90)} cents and ${int(r, 2, 30)} pears at ` +
      `${int(r, 20, 90)} cents each. What is the total, and what is ${int(r, 5, 25)} % off it?`,
    (r) => `What is the probability of rolling at least one ${int(r, 1, 6)} in ${int(r, 2, 9)} throws of a fair die?`,
  ],
  chat: [
    (r) => `${pick(r, W.greeting)}! ${pick(r, W.smalltalk)}`,
    (r) => `Can you recommend a ${pick(r, W.genre)} ${pick(r, W.medium)} for a ${pick(r, W.occasion)}?`,
    (r) => `I'm feeling ${pick(r, W.mood)} today. Any tips to ${pick(r, W.selfGoal)}?`,
    (r) => `${pick(r, W.greeting)}, quick one: ${pick(r, W.smalltalk)} Also, any ${pick(r, W.genre)} ${pick(r, W.medium)} you like?`,
  ],
  translation: [
    (r) => `Translate '${pick(r, W.phrase)}' into ${pick(r, W.language)}.`,
    (r) => `How do you say '${pick(r, W.phrase)}' in ${pick(r, W.language)}, politely?`,
    (r) => `Translate into ${pick(r, W.language)} and then ${pick(r, W.language)}: '${pick(r, W.phrase)}, and ${pick(r, W.phrase)}'.`,
  ],
  facts: [
    (r) => `${pick(r, W.factQ)} ${pick(r, W.country)}?`,
    (r) => `${pick(r, W.sciQ)} Answer in ${int(r, 1, 4)} sentences.`,
    (r) => `Quick lookup: ${pick(r, W.factQ).toLowerCase()} ${pick(r, W.country)} and ${pick(r, W.country)}?`,
  ],
  summary: [
    (r) => {
      const n = int(r, 2, 6);
      const s = Array.from({ length: n }, () =>
        `${pick(r, W.subject)} ${pick(r, W.verb)} ${pick(r, W.object)} ${pick(r, W.reason)}.`).join(' ');
      return `Summarize in ${int(r, 1, 5)} bullet points: ${s}`;
    },
    (r) => `Give me a one-line summary of this note: ${pick(r, W.subject)} ${pick(r, W.verb)} ${pick(r, W.object)} ` +
      `${pick(r, W.reason)}, and ${pick(r, W.subject).toLowerCase()} ${pick(r, W.verb)} ${pick(r, W.object)}.`,
  ],
  analysis: [
    (r) => `Compare ${pair(r)} for ${pick(r, W.context)}: which trade-offs matter most?`,
    (r) => `Explain step by step why ${pick(r, W.phenomenon)}, with a counter-argument.`,
    (r) => `We are ${pick(r, W.context)} choosing between ${pair(r)}. ` +
      `Build a decision matrix with at least ${int(r, 3, 7)} criteria and justify the weights.`,
  ],
  writing: [
    (r) => `Write a ${pick(r, W.length)} essay on ${pick(r, W.topic)} in a ${pick(r, W.tone)} tone.`,
    (r) => `Draft a ${pick(r, W.tone)} email telling customers that ${pick(r, W.subject).toLowerCase()} ` +
      `${pick(r, W.verb)} ${pick(r, W.object)} ${pick(r, W.reason)}.`,
    (r) => `Write a short poem about ${pick(r, W.topic)}, ${int(r, 4, 16)} lines.`,
  ],
};

/** `count` distinct prompts (fewer if the templates cannot make that many), kinds interleaved, shuffled. */
export function prompts(count, seed = 12) {
  const r = rng(seed);
  const kinds = Object.keys(KINDS);
  const seen = new Set();
  const out = [];
  for (let attempts = 0; out.length < count && attempts < count * 50; attempts++) {
    const kind = kinds[attempts % kinds.length];
    const text = pick(r, KINDS[kind])(r);
    if (!seen.has(text)) {
      seen.add(text);
      out.push({ kind, text });
    }
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const list = prompts(Number(process.argv[2] ?? 12000));
  const byKind = {};
  for (const p of list) (byKind[p.kind] ??= []).push(p.text);
  console.log(`${list.length} distinct prompts`);
  for (const [kind, texts] of Object.entries(byKind)) {
    console.log(`${kind}: ${texts.length}`);
    for (const t of texts.slice(0, 3)) console.log(`  ${t}`);
  }
}
