// The demo's sample repository, made through the product's real paths: the git hooks installed with
// `ai-provenance hooks install` write every trailer and note; an agent session goes through `ai-provenance hook claude`
// exactly as Claude Code calls it; inline completions are replayed through the editor's attribution core
// (scripts/demo/inlineSession.ts). No note or trailer is written by hand.
//
// History on main: a human start, a commit typed with "Demo AI" inline completions, an agent session (Claude Code),
// a human fix. Branch feature/exchange-rates (checked out at the end): an agent session whose change a reviewer must
// look at closely — a weakened test, a swallowed error, a new dependency, a shell command built from input, and a
// comment that claims more than the code does — plus a human commit.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { FILES as SAMPLE_FILES } from '../lib/sampleRepo.mjs';

const SESSION = '5b0f3c2a-7d41-4e8a-9c16-d2e4f6a8b0c1';
const DATES = { at: Date.parse('2026-01-05T09:00:00Z') };

export function createDemoRepo(dir, { cli, inlineSession }) {
  fs.mkdirSync(dir, { recursive: true });
  const env = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    AI_PROVENANCE_CLI: cli,
    AI_PROVENANCE_NODE: process.execPath,
  };
  const git = (...args) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...env, ...stamp() } });
  const run = (args, input) =>
    execFileSync(process.execPath, [cli, ...args], { cwd: dir, input, encoding: 'utf8', env });
  const write = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  const read = (rel) => fs.readFileSync(path.join(dir, rel), 'utf8');
  const commit = (message, ...files) => {
    git('add', '--', ...files);
    git('commit', '-q', '-m', message);
  };

  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Sam Developer');
  git('config', 'user.email', 'sam@example.com');
  git('config', 'commit.gpgsign', 'false');
  run(['hooks', 'install', '--cli', cli, '--node', process.execPath]);

  // 1. A person starts the project.
  for (const [rel, text] of Object.entries(START)) write(rel, text);
  commit('Start the price service', ...Object.keys(START));

  // 2. Typed with inline completions: the person writes the signatures, "Demo AI" suggests the bodies.
  execFileSync(process.execPath, [inlineSession, dir, 'src/format.ts', JSON.stringify(FORMAT_SESSION)], { env });
  commit('Add price formatting', 'src/format.ts');

  // 3. An agent session: Claude Code writes a cache module and its test through its hooks.
  const transcript = path.join(dir, '..', 'claude-transcript.jsonl');
  fs.writeFileSync(transcript, transcriptLines('Add a small TTL cache for prices'));
  const agent = agentSession({ dir, transcript, run });
  agent.write('src/cache.ts', CACHE);
  agent.write('test/cache.test.ts', CACHE_TEST);
  commit('Add a TTL cache for prices', 'src/cache.ts', 'test/cache.test.ts');

  // 4. A person fixes the README.
  write('README.md', read('README.md') + '\nRun the tests with `npm test`.\n');
  commit('Say how to run the tests', 'README.md');

  // 5. The feature branch a reviewer is asked to approve.
  git('checkout', '-q', '-b', 'feature/exchange-rates');
  fs.writeFileSync(transcript, transcriptLines('Fetch exchange rates and convert prices'));
  agent.write('src/rates.ts', RATES);
  agent.edit('package.json', '  "dependencies": {}', '  "dependencies": {\n    "node-fetch-retry": "^2.0.1"\n  }');
  agent.edit(
    'test/math.test.ts',
    '  assert.equal(mean([2, 4, 6]), 4);\n  assert.equal(mean([]), 0);',
    '  assert.ok(mean([2, 4, 6]));',
  );
  commit('Fetch exchange rates and convert prices', 'src/rates.ts', 'package.json', 'test/math.test.ts');
  write(
    'src/rates.ts',
    read('src/rates.ts').replace("const DEFAULT_CURRENCY = 'EUR';", "const DEFAULT_CURRENCY = 'USD';"),
  );
  commit('Default to USD', 'src/rates.ts');
  fs.rmSync(transcript, { force: true });
  return dir;

  function stamp() {
    DATES.at += 37 * 60_000;
    const iso = new Date(DATES.at).toISOString();
    return { GIT_AUTHOR_DATE: iso, GIT_COMMITTER_DATE: iso };
  }
}

/** Tool calls as Claude Code makes them: PreToolUse, the tool's own write, PostToolUse, each through the hook. */
function agentSession({ dir, transcript, run }) {
  let n = 0;
  const call = (tool, input, apply) => {
    const id = `toolu_demo${String(++n).padStart(4, '0')}`;
    const base = {
      session_id: SESSION,
      transcript_path: transcript,
      cwd: dir,
      permission_mode: 'acceptEdits',
      tool_name: tool,
      tool_input: input,
      tool_use_id: id,
    };
    run(['hook', 'claude', 'pre'], JSON.stringify({ ...base, hook_event_name: 'PreToolUse' }));
    apply();
    run(
      ['hook', 'claude', 'post'],
      JSON.stringify({ ...base, hook_event_name: 'PostToolUse', tool_response: { success: true } }),
    );
  };
  return {
    write(rel, content) {
      const file = path.join(dir, rel);
      call('Write', { file_path: file, content }, () => {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, content);
      });
    },
    edit(rel, oldString, newString) {
      const file = path.join(dir, rel);
      const before = fs.readFileSync(file, 'utf8');
      if (!before.includes(oldString)) throw new Error(`demo story: ${rel} has no ${JSON.stringify(oldString)}`);
      call('Edit', { file_path: file, old_string: oldString, new_string: newString, replace_all: false }, () =>
        fs.writeFileSync(file, before.replace(oldString, newString)),
      );
    },
  };
}

function transcriptLines(prompt) {
  const user = {
    type: 'user',
    sessionId: SESSION,
    message: { role: 'user', content: prompt },
    timestamp: '2026-01-05T10:00:00.000Z',
  };
  const assistant = {
    type: 'assistant',
    sessionId: SESSION,
    message: { role: 'assistant', model: 'claude-sonnet-4-5-20250929', content: [{ type: 'text', text: 'On it.' }] },
    timestamp: '2026-01-05T10:00:05.000Z',
  };
  return `${JSON.stringify(user)}\n${JSON.stringify(assistant)}\n`;
}

const START = {
  'README.md': '# Price service\n\nFormats, caches and converts prices for the shop.\n',
  'package.json':
    JSON.stringify(
      { name: 'price-service', version: '1.0.0', private: true, scripts: { test: 'node --test' } },
      null,
      2,
    ).replace('"private": true,', '"private": true,\n  "dependencies": {},') + '\n',
  // The sample repository's maths module, the same the integration tests use.
  'src/math.ts': SAMPLE_FILES['src/math.ts'],
  'test/math.test.ts': [
    "import { strict as assert } from 'node:assert';",
    "import { test } from 'node:test';",
    "import { add, mean } from '../src/math';",
    '',
    "test('add', () => {",
    '  assert.equal(add(1, 2), 3);',
    '});',
    '',
    "test('mean', () => {",
    '  assert.equal(mean([2, 4, 6]), 4);',
    '  assert.equal(mean([]), 0);',
    '});',
    '',
  ].join('\n'),
};

/** The person types the human steps; each inline step is a suggestion accepted with Tab. */
const FORMAT_SESSION = [
  {
    type: 'human',
    text: "import { add } from './math';\n\nexport function formatPrice(cents: number, currency: string): string {\n",
  },
  { type: 'inline', text: '  const amount = (cents / 100).toFixed(2);\n  return `${amount} ${currency}`;\n' },
  { type: 'human', text: '}\n\nexport function total(cents: number[]): number {\n' },
  { type: 'inline', text: '  return cents.reduce((sum, c) => add(sum, c), 0);\n' },
  { type: 'human', text: '}\n' },
];

const CACHE = [
  '/** Keeps values for `ttlMs` milliseconds. */',
  'export class TtlCache<V> {',
  '  private readonly entries = new Map<string, { value: V; expires: number }>();',
  '',
  '  constructor(private readonly ttlMs: number, private readonly now: () => number = Date.now) {}',
  '',
  '  get(key: string): V | undefined {',
  '    const entry = this.entries.get(key);',
  '    if (!entry || entry.expires <= this.now()) {',
  '      this.entries.delete(key);',
  '      return undefined;',
  '    }',
  '    return entry.value;',
  '  }',
  '',
  '  set(key: string, value: V): void {',
  '    this.entries.set(key, { value, expires: this.now() + this.ttlMs });',
  '  }',
  '}',
  '',
].join('\n');

const CACHE_TEST = [
  "import { strict as assert } from 'node:assert';",
  "import { test } from 'node:test';",
  "import { TtlCache } from '../src/cache';",
  '',
  "test('entries expire', () => {",
  '  let t = 0;',
  '  const cache = new TtlCache<number>(10, () => t);',
  "  cache.set('a', 1);",
  "  assert.equal(cache.get('a'), 1);",
  '  t = 10;',
  "  assert.equal(cache.get('a'), undefined);",
  '});',
  '',
].join('\n');

const RATES = [
  "import { execSync } from 'node:child_process';",
  "import { TtlCache } from './cache';",
  '',
  "const DEFAULT_CURRENCY = 'EUR';",
  'const cache = new TtlCache<number>(60_000);',
  '',
  '// Validates the currency code and never throws: the rates API automatically retries failed requests.',
  'export function rate(currency: string = DEFAULT_CURRENCY): number {',
  '  const cached = cache.get(currency);',
  '  if (cached !== undefined) return cached;',
  '  let value = 1;',
  '  try {',
  '    const body = execSync(`curl -s https://rates.example.com/latest?base=${currency}`).toString();',
  '    value = JSON.parse(body).rate;',
  '  } catch (err) {}',
  '  cache.set(currency, value);',
  '  return value;',
  '}',
  '',
  'export function convert(cents: number, currency: string): number {',
  '  return Math.round(cents * rate(currency));',
  '}',
  '',
].join('\n');
