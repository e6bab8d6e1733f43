/**
 * Claude Code's POST queued by the launcher in plain sh (src/git/launcher.ts `shellPostQueue`) and attributed later by
 * node (src/git/agents/agentQueue.ts), run through `sh` as Claude runs it, under real git with the real hooks: the
 * record equals the one the node POST writes at once (times aside: the queued call keeps its POST's time), for Edit,
 * Write, MultiEdit-shaped and notebook calls; whoever reads records next attributes the queue (the commit hooks, blame,
 * the next node hook); an outside edit before that and two queued edits of one file give what immediate POSTs give; a
 * damaged queued call is logged and removed; the editor's precomputed commit is not applied over a queued call.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileRecord } from '../../../src/core/state/fileRecord';
import { precomputeCommit } from '../../../src/git/commit/precompute';
import { WorkingStateStore } from '../../../src/git/stateStore';
import { CLI_PATH, createHookedRepo, hookEnv, type HookRepo } from '../commit/helpers/hookRepo';
import { makeTempDir } from '../helpers/tempRepo';
import { piecesOfKind, runCli, sourceRoot } from './helpers/hookHarness';

const ORIGINAL = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n\nexport const k = 1;\n';
const EDITED =
  'export function add(a: number, b: number): number {\n  const s = a + b;\n  return s;\n}\n\nexport const k = 1;\n';
const EDITED_TWICE = EDITED.replace('export const k = 1;\n', 'export const k = 2; // tuned\n');
const NOTEBOOK = (source: string) =>
  JSON.stringify({ cells: [{ cell_type: 'code', id: 'c1', source: [source], metadata: {} }], nbformat: 4 }, null, 1) +
  '\n';

interface ToolCall {
  readonly tool: string;
  readonly file: string;
  readonly before: string | undefined;
  readonly after: string;
  readonly input: (abs: string) => Record<string, unknown>;
}

const CALLS: readonly ToolCall[] = [
  {
    tool: 'Edit',
    file: 'src/add.ts',
    before: ORIGINAL,
    after: EDITED,
    input: (abs) => ({ file_path: abs, old_string: '  return a + b;', new_string: '  const s = a + b;\n  return s;' }),
  },
  {
    tool: 'Write',
    file: 'src/new.ts',
    before: undefined,
    after: 'export const created = true;\n',
    input: (abs) => ({ file_path: abs, content: 'export const created = true;\n' }),
  },
  {
    tool: 'MultiEdit',
    file: 'src/add.ts',
    before: ORIGINAL,
    after: EDITED_TWICE,
    input: (abs) => ({
      file_path: abs,
      edits: [
        { old_string: '  return a + b;', new_string: '  const s = a + b;\n  return s;' },
        { old_string: 'export const k = 1;', new_string: 'export const k = 2; // tuned' },
      ],
    }),
  },
  {
    tool: 'NotebookEdit',
    file: 'nb/sales.ipynb',
    before: NOTEBOOK('df.sum()'),
    after: NOTEBOOK("df.groupby('region').sum()"),
    input: (abs) => ({
      notebook_path: abs,
      cell_id: 'c1',
      new_source: "df.groupby('region').sum()",
      edit_mode: 'replace',
    }),
  },
];

const stateDir = (repo: HookRepo) => path.join(repo.root, '.git', 'ai-provenance');
const queueDir = (repo: HookRepo) => path.join(stateDir(repo), 'agent-post');
const queued = (repo: HookRepo) =>
  fs.existsSync(queueDir(repo)) ? fs.readdirSync(queueDir(repo)).filter((n) => /^c\d+$/.test(n)) : [];

/** The record as stored now, read without attributing the queue (to see what the others did). */
function storedRecord(repo: HookRepo, rel: string): Promise<FileRecord | undefined> {
  return WorkingStateStore.at(stateDir(repo), { drainQueue: false }).read(rel);
}

/** A record without its clock readings (the POST's time, when it was written). */
function timeless(record: FileRecord | undefined): unknown {
  if (record === undefined) return undefined;
  return { ...record, updated: '-', origins: record.origins.map((o) => ({ ...o, time: '-' })) };
}

describe('launcher: Claude Code POST queued in plain sh, attributed later by node', function () {
  this.timeout(60_000);
  let repos: HookRepo[] = [];
  let transcript: string;
  let serial = 0;
  const fresh = async (): Promise<HookRepo> => {
    const repo = await createHookedRepo();
    repos.push(repo);
    return repo;
  };
  before(() => {
    transcript = path.join(makeTempDir('aiprov-transcript-'), 'session.jsonl');
    fs.copyFileSync(
      path.join(sourceRoot(), 'test', 'unit', 'agents', 'fixtures', 'claude', 'transcript.jsonl'),
      transcript,
    );
  });
  afterEach(() => {
    for (const r of repos) r.cleanup();
    repos = [];
  });

  const payload = (repo: HookRepo, event: string, call: ToolCall, id: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      session_id: 'b5c3c0de-1111-4222-8333-944455556666',
      transcript_path: transcript,
      cwd: repo.root,
      permission_mode: 'acceptEdits',
      hook_event_name: event,
      tool_name: call.tool,
      tool_input: call.input(path.join(repo.root, ...call.file.split('/'))),
      tool_use_id: id,
      ...extra,
    });

  const launch = (repo: HookRepo, phase: 'pre' | 'post', stdin: string, env: NodeJS.ProcessEnv = hookEnv()) => {
    const res = spawnSync('/bin/sh', [path.join(stateDir(repo), 'bin', 'ai-provenance'), 'hook', 'claude', phase], {
      cwd: repo.root,
      input: stdin,
      encoding: 'utf8',
      env,
    });
    assert.deepEqual([res.status, res.stdout], [0, ''], res.stderr);
  };
  const nodePost = (repo: HookRepo, stdin: string) => {
    const res = spawnSync(process.execPath, [CLI_PATH, 'hook', 'claude', 'post'], {
      cwd: repo.root,
      input: stdin,
      encoding: 'utf8',
      env: hookEnv(),
    });
    assert.deepEqual([res.status, res.stdout], [0, ''], res.stderr);
  };

  /** PRE through the launcher, the tool's write, then POST: queued by the launcher, or by node at once. */
  const toolCall = (repo: HookRepo, call: ToolCall, post: 'queued' | 'node') => {
    const id = `toolu_q${++serial}`;
    launch(repo, 'pre', payload(repo, 'PreToolUse', call, id));
    repo.write(call.file, call.after);
    const stdin = payload(repo, 'PostToolUse', call, id, { tool_response: { filePath: call.file, success: true } });
    const before = queued(repo).length;
    if (post === 'queued') {
      launch(repo, 'post', stdin);
      assert.equal(queued(repo).length, before + 1, 'the launcher queued the call');
    } else nodePost(repo, stdin);
  };

  const withBefore = async (call: ToolCall) => {
    const repo = await fresh();
    if (call.before !== undefined) {
      repo.write(call.file, call.before);
      repo.commitHooked('initial');
    }
    return repo;
  };

  for (const call of CALLS) {
    it(`${call.tool}: the queued call gives the record the node POST writes`, async () => {
      const [atOnce, later] = [await withBefore(call), await withBefore(call)];
      toolCall(atOnce, call, 'node');
      toolCall(later, call, 'queued');
      assert.equal(await storedRecord(later, call.file), undefined, 'nothing is attributed before someone reads');
      const expected = await storedRecord(atOnce, call.file);
      assert.ok(expected !== undefined && piecesOfKind(expected, call.after, 'agent').length > 0);
      // Any reader of records attributes the queue first.
      const got = await (await WorkingStateStore.open(later.root)).read(call.file);
      assert.deepEqual(timeless(got), timeless(expected));
      assert.equal(got?.origins.at(-1)?.model, expected.origins.at(-1)?.model);
      assert.deepEqual(queued(later), []);
      assert.deepEqual(fs.readdirSync(path.join(stateDir(later), 'agent-pre')), []);
      assert.doesNotMatch(later.logText(), /dropped attribution/);
    });
  }

  it('the commit hooks attribute a queued call: the trailer and the note name the agent lines', async () => {
    const repo = await withBefore(CALLS[0]);
    toolCall(repo, CALLS[0], 'queued');
    repo.commitHooked('Use a local');
    assert.match(repo.message(), /^Assisted-by: /m);
    assert.deepEqual(repo.noteLines(), new Map([['src/add.ts', [2, 3]]]));
    assert.deepEqual(queued(repo), []);
  });

  it('a commit hook attributes a call queued by an agent working in a subdirectory (the hook env names the repo)', async () => {
    const repo = await withBefore(CALLS[0]);
    const id = 'toolu_subdir';
    const sub = path.join(repo.root, 'src');
    const inSub = (event: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify({ ...JSON.parse(payload(repo, event, CALLS[0], id, extra)), cwd: sub });
    const launchIn = (phase: 'pre' | 'post', stdin: string) => {
      const res = spawnSync('/bin/sh', [path.join(stateDir(repo), 'bin', 'ai-provenance'), 'hook', 'claude', phase], {
        cwd: sub,
        input: stdin,
        encoding: 'utf8',
        env: hookEnv(),
      });
      assert.deepEqual([res.status, res.stdout], [0, ''], res.stderr);
    };
    launchIn('pre', inSub('PreToolUse'));
    repo.write('src/add.ts', EDITED);
    launchIn('post', inSub('PostToolUse'));
    assert.equal(queued(repo).length, 1);
    repo.run(['add', '-A']);
    repo.run(['commit', '-q', '-m', 'From a subdirectory']);
    assert.deepEqual(repo.noteLines(), new Map([['src/add.ts', [2, 3]]]));
    assert.deepEqual(queued(repo), []);
  });

  it('blame attributes a queued call before it reads', async () => {
    const repo = await withBefore(CALLS[0]);
    toolCall(repo, CALLS[0], 'queued');
    const run = await runCli(['blame', 'src/add.ts', '--json'], { cwd: repo.root });
    assert.equal(run.code, 0, run.err);
    const lines = (JSON.parse(run.out) as { lines: Array<{ line: number; authorship: string }> }).lines;
    assert.deepEqual(
      lines.filter((l) => l.authorship !== 'human').map((l) => l.line),
      [2, 3],
    );
    assert.deepEqual(queued(repo), []);
  });

  it('the next hook that starts node attributes the queue before its own call', async () => {
    const repo = await withBefore(CALLS[0]);
    toolCall(repo, CALLS[0], 'queued');
    // A shell command: the launcher hands it to node.
    launch(
      repo,
      'pre',
      JSON.stringify({
        session_id: 'b5c3c0de-1111-4222-8333-944455556666',
        cwd: repo.root,
        hook_event_name: 'PreToolUse',
        tool_name: 'Bash',
        tool_input: { command: 'npm test' },
        tool_use_id: 'toolu_bash',
      }),
    );
    assert.deepEqual(queued(repo), []);
    assert.deepEqual(piecesOfKind(await storedRecord(repo, 'src/add.ts'), EDITED, 'agent'), [
      '  const s = a + b;\n  return s;\n',
    ]);
  });

  it('an edit outside the agent before the queue is attributed is human, exactly as after an immediate POST', async () => {
    const [atOnce, later] = [await withBefore(CALLS[0]), await withBefore(CALLS[0])];
    toolCall(atOnce, CALLS[0], 'node');
    toolCall(later, CALLS[0], 'queued');
    // Someone types between the POST and the next reader: a line inside the agent's text and one of their own.
    const outside = EDITED.replace('  return s;\n', '  // checked by hand\n  return s;\n') + 'export const mine = 0;\n';
    for (const repo of [atOnce, later]) repo.write('src/add.ts', outside);
    for (const repo of [atOnce, later]) repo.commitHooked('Edit');
    assert.deepEqual(later.noteLines(), atOnce.noteLines());
    assert.deepEqual(later.noteLines(), new Map([['src/add.ts', [2, 4]]]));
    assert.equal(later.message(), atOnce.message());
  });

  it('two queued edits of one file give the record of two POSTs done one at a time', async () => {
    const first = CALLS[0];
    const second: ToolCall = {
      ...CALLS[0],
      before: EDITED,
      after: EDITED_TWICE,
      input: (abs) => ({
        file_path: abs,
        old_string: 'export const k = 1;',
        new_string: 'export const k = 2; // tuned',
      }),
    };
    const [atOnce, later] = [await withBefore(first), await withBefore(first)];
    for (const call of [first, second]) toolCall(atOnce, call, 'node');
    for (const call of [first, second]) toolCall(later, call, 'queued');
    assert.equal(queued(later).length, 2);
    const expected = await storedRecord(atOnce, 'src/add.ts');
    assert.deepEqual(piecesOfKind(expected, EDITED_TWICE, 'agent'), [
      '  const s = a + b;\n  return s;\n',
      '2',
      '// tuned',
    ]);
    const got = await (await WorkingStateStore.open(later.root)).read('src/add.ts');
    assert.deepEqual(timeless(got), timeless(expected));
    // Attributed in call order: the second call's origin is the later one.
    assert.ok(got!.origins[0].time <= got!.origins[1].time);
  });

  it('a damaged queued call is logged as dropped attribution and removed; the others are attributed', async () => {
    const repo = await withBefore(CALLS[0]);
    toolCall(repo, CALLS[0], 'queued');
    const broken = path.join(queueDir(repo), 'c1');
    fs.mkdirSync(broken);
    fs.writeFileSync(path.join(broken, 'payload.json'), '{"session_id": "s", "tool_na');
    const noListing = path.join(queueDir(repo), 'c2');
    fs.mkdirSync(noListing);
    fs.writeFileSync(path.join(noListing, 'payload.json'), payload(repo, 'PostToolUse', CALLS[0], 'toolu_x'));
    fs.writeFileSync(path.join(noListing, 'cwd'), repo.root + '\n');
    await (await WorkingStateStore.open(repo.root)).list();
    assert.deepEqual(queued(repo), []);
    assert.match(repo.logText(), /dropped attribution: agent hook: the queued tool call c1 \(.*removed unattributed\)/);
    assert.match(repo.logText(), /dropped attribution: agent hook: the queued tool call c2 \(.*paths.*\)/);
    assert.deepEqual(piecesOfKind(await storedRecord(repo, 'src/add.ts'), EDITED, 'agent'), [
      '  const s = a + b;\n  return s;\n',
    ]);
  });

  it('falls back to node without a PRE directory, and with a prompt summary to record', async () => {
    const repo = await withBefore(CALLS[0]);
    // The PRE went to node (here: no launcher PRE at all), so the POST does too and records at once.
    repo.write('src/add.ts', EDITED);
    launch(
      repo,
      'post',
      payload(repo, 'PostToolUse', CALLS[0], 'toolu_nopre', {
        tool_response: { filePath: path.join(repo.root, 'src', 'add.ts'), originalFile: ORIGINAL },
      }),
    );
    assert.deepEqual(queued(repo), []);
    assert.equal(piecesOfKind(await storedRecord(repo, 'src/add.ts'), EDITED, 'agent').length, 1);
    const other = await withBefore(CALLS[0]);
    const id = 'toolu_summary';
    launch(other, 'pre', payload(other, 'PreToolUse', CALLS[0], id));
    other.write('src/add.ts', EDITED);
    launch(
      other,
      'post',
      payload(other, 'PostToolUse', CALLS[0], id),
      hookEnv({ AI_PROVENANCE_PROMPT_SUMMARY: 'hash' }),
    );
    assert.deepEqual(queued(other), []);
    assert.equal(piecesOfKind(await storedRecord(other, 'src/add.ts'), EDITED, 'agent').length, 1);
  });

  it("the editor's precomputed commit is not applied over a call queued after it: node commits the agent's lines", async () => {
    const repo = await withBefore(CALLS[0]);
    repo.writeAi('src/other.ts', 'export const o = compute();\n', [1]);
    // The tool wrote and the user staged before the launcher's POST ran; the editor precomputed meanwhile.
    const id = 'toolu_race';
    launch(repo, 'pre', payload(repo, 'PreToolUse', CALLS[0], id));
    repo.write('src/add.ts', EDITED);
    repo.run(['add', '-A']);
    const outcome = await precomputeCommit(repo.root, hookEnv());
    assert.equal(outcome.state, 'written', JSON.stringify(outcome));
    launch(repo, 'post', payload(repo, 'PostToolUse', CALLS[0], id));
    assert.equal(queued(repo).length, 1);
    repo.run(['commit', '-q', '-m', 'Both']);
    assert.doesNotMatch(repo.logText(), /precomputed by the editor/);
    assert.deepEqual(
      repo.noteLines(),
      new Map([
        ['src/add.ts', [2, 3]],
        ['src/other.ts', [1]],
      ]),
    );
  });

  it('a queued call, `git stash`, a commit on the base, `stash pop`, an edit outside: the agent lines stay AI', async () => {
    const repo = await withBefore(CALLS[0]);
    toolCall(repo, CALLS[0], 'queued');
    repo.run(['stash', '-q']);
    // The stash's hook attributed the call before parking the records whose text went into the stash.
    assert.deepEqual(queued(repo), []);
    assert.match(repo.logText(), /stash: parked 1 record\(s\)/);
    repo.write('src/add.ts', ORIGINAL + 'export const base = 2;\n');
    repo.commitHooked('On the base');
    repo.run(['stash', 'pop', '-q']);
    const file = path.join(repo.root, 'src', 'add.ts');
    assert.equal(fs.readFileSync(file, 'utf8'), EDITED + 'export const base = 2;\n');
    const aiLines = async () => {
      const run = await runCli(['blame', 'src/add.ts', '--json'], { cwd: repo.root });
      assert.equal(run.code, 0, run.err);
      const lines = (JSON.parse(run.out) as { lines: Array<{ line: number; authorship: string }> }).lines;
      return lines.filter((l) => l.authorship !== 'human').map((l) => l.line);
    };
    assert.deepEqual(await aiLines(), [2, 3]);
    // An edit outside the editor: the popped record's spans are carried from the popped text, which must be kept.
    repo.write('src/add.ts', '// outside\n' + fs.readFileSync(file, 'utf8'));
    assert.deepEqual(await aiLines(), [3, 4]);
    repo.commitHooked('Use a local');
    assert.deepEqual(repo.noteLines(), new Map([['src/add.ts', [3, 4]]]));
  });
});
