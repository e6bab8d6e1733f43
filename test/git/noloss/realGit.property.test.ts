/**
 * The no-loss property through real git: random sequences of agent edits (Claude Code's Write through the real
 * `ai-provenance hook` command, or through the launcher in sh, whose POST only queues the call: then sometimes the
 * next step, not a check, is what finds it queued), editor edits (the record and text snapshot the extension writes, its spans carried
 * through the text as the editor does), edits made outside the editor, commits, amends, `reset --soft HEAD~1` and
 * stash / pop (with a commit on the base in between) on a real repository with the real git hooks installed, compared
 * with a reference model that knows which lines AI wrote by identity (every line's text is unique). Checked after
 * every step: the AI lines blame shows for the whole file (notes for committed lines, the working state for the
 * rest); after every commit: exactly the AI lines it added in its note.
 *
 * test/unit/rewrite/noloss.property.test.ts runs the same steps (and killed commits) through the pure decisions
 * 2,000 times; this runs them through git: PROPERTY_GIT_RUNS sequences (default 12, a few seconds each;
 * `node scripts/property-long.mjs git [runs]` runs more). PROPERTY_SEED replays a reported seed.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { AttributionTracker } from '../../../src/core/attribution';
import type { Origin } from '../../../src/core/attribution/origin';
import { contentHash } from '../../../src/core/hash';
import { remapRecord } from '../../../src/core/state/remapRecord';
import { aiBlame } from '../../../src/git/blame/blame';
import { describes, loadKnownText } from '../../../src/git/commit/recordText';
import { findRepo, type RepoInfo } from '../../../src/git/repo';
import { WorkingStateStore } from '../../../src/git/stateStore';
import { saveTextSnapshot } from '../../../src/git/textSnapshots';
import { payload, runHook } from '../agents/helpers/hookHarness';
import { createHookedRepo, hookEnv, type HookRepo } from '../commit/helpers/hookRepo';

const RUNS = Number(process.env.PROPERTY_GIT_RUNS ?? 12);
const SEED = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);
const FILE = 'f.js';
const INLINE: Origin = { kind: 'inline', tool: 'GitHub Copilot', time: 1 };
/** Lines no step touches, so a commit on the base above them never conflicts with a popped stash. */
const HEADER = ['// header 1', '// header 2', '// header 3'];

interface Line {
  readonly text: string;
  readonly ai: boolean;
}

const step = fc.oneof(
  {
    arbitrary: fc.record({
      t: fc.constant('agent' as const),
      at: fc.nat(),
      n: fc.integer({ min: 1, max: 3 }),
      replace: fc.boolean(),
      /** Through the launcher (sh PRE, sh POST that queues the call) rather than node for both. */
      queued: fc.boolean(),
      /** Queued and not looked at before the next step (an outside edit, a commit...) runs. */
      unchecked: fc.boolean(),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({ t: fc.constant('editor' as const), at: fc.nat(), ai: fc.boolean(), del: fc.boolean() }),
    weight: 3,
  },
  { arbitrary: fc.record({ t: fc.constant('outside' as const), at: fc.nat(), del: fc.boolean() }), weight: 3 },
  { arbitrary: fc.constant({ t: 'commit' as const }), weight: 3 },
  { arbitrary: fc.constant({ t: 'amend' as const }), weight: 1 },
  { arbitrary: fc.constant({ t: 'reset' as const }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('stash' as const), baseChange: fc.boolean() }), weight: 1 },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** Agent calls waiting in the launcher's queue. */
function queuedCalls(repo: HookRepo): number {
  const dir = path.join(repo.root, '.git', 'ai-provenance', 'agent-post');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => /^c\d+$/.test(n)).length : 0;
}

class RealWorld {
  private counter = 0;
  /** The reference: the work tree's body lines (below HEADER). */
  work: Line[] = [];
  /** Body lines per commit, and each commit's parent; index 0 is the base. */
  private readonly commits: Array<{ lines: Line[]; parent: number }> = [];
  private head = 0;
  /** `reset --soft` happened since the last commit (the working blame shows those lines as human until then). */
  private resetAway = false;
  /** The last step queued an agent call that the next step, not a check, must find. */
  private leftQueued = false;
  private info!: RepoInfo;
  private store!: WorkingStateStore;

  constructor(readonly repo: HookRepo) {}

  async init(): Promise<void> {
    this.work = [this.line(false), this.line(false), this.line(false)];
    this.writeWork();
    this.repo.commitHooked('base');
    this.commits.push({ lines: [...this.work], parent: -1 });
    this.info = (await findRepo(this.repo.root))!;
    this.store = await WorkingStateStore.open(this.repo.root);
  }

  private line(ai: boolean): Line {
    const id = (this.counter++).toString(36);
    return { text: ai ? `ai_${id}();` : `human_${id};`, ai };
  }

  private textOf(lines: readonly Line[]): string {
    return [...HEADER, ...lines.map((l) => l.text)].join('\n') + '\n';
  }

  private writeWork(): void {
    this.repo.write(FILE, this.textOf(this.work));
  }

  private readWork(): string {
    return fs.readFileSync(path.join(this.repo.root, FILE), 'utf8');
  }

  async run(s: Step): Promise<void> {
    switch (s.t) {
      case 'agent':
        this.leftQueued = s.queued && s.unchecked;
        return this.agent(s.at, s.n, s.replace, s.queued);
      case 'editor':
        return this.editor(s.at, s.ai, s.del);
      case 'outside':
        return this.outside(s.at, s.del);
      case 'commit':
        return this.commit();
      case 'amend':
        return this.amend();
      case 'reset':
        return this.reset();
      case 'stash':
        return this.stash(s.baseChange);
    }
  }

  /** Claude Code's Write of the whole file, through the real hook command (PRE, the write, POST). */
  private async agent(at: number, n: number, replace: boolean, queued: boolean): Promise<void> {
    const i = at % (this.work.length + 1);
    const inserted = Array.from({ length: n }, () => this.line(true));
    this.work.splice(i, replace && i < this.work.length ? 1 : 0, ...inserted);
    const content = this.textOf(this.work);
    const input = { file_path: path.join(this.repo.root, FILE), content };
    const id = `toolu_prop_${this.counter}`;
    const hook = async (phase: 'pre' | 'post', stdin: string) => {
      if (!queued) return assert.equal((await runHook('claude', phase, stdin, this.repo.root)).code, 0);
      const launcher = path.join(this.repo.root, '.git', 'ai-provenance', 'bin', 'ai-provenance');
      const res = spawnSync('/bin/sh', [launcher, 'hook', 'claude', phase], {
        cwd: this.repo.root,
        input: stdin,
        encoding: 'utf8',
        env: hookEnv(),
      });
      assert.deepEqual([res.status, res.stdout], [0, ''], res.stderr);
    };
    const pre = payload('claude/pre-tool-use-write.json', this.repo.root, { tool_input: input, tool_use_id: id }, [
      'transcript_path',
    ]);
    await hook('pre', pre);
    this.repo.write(FILE, content);
    // The previous step may have left its call queued (unchecked): the sh PRE starts no node, so it is still there.
    const waitingBefore = queuedCalls(this.repo);
    const post = payload(
      'claude/pre-tool-use-write.json',
      this.repo.root,
      {
        tool_use_id: id,
        tool_input: input,
        hook_event_name: 'PostToolUse',
        tool_response: { filePath: input.file_path, success: true },
      },
      ['transcript_path'],
    );
    await hook('post', post);
    if (queued) assert.equal(queuedCalls(this.repo), waitingBefore + 1, 'the launcher queued the call');
  }

  /**
   * The editor: adopts the stored record (carried through outside edits from its snapshot, as persistence does),
   * applies one change with the attribution tracker, saves the file, the record and the text snapshot.
   */
  private async editor(at: number, ai: boolean, del: boolean): Promise<void> {
    const text = this.readWork();
    const record = await this.store.read(FILE);
    let spans: Array<[number, number, number]> = [];
    const origins: Origin[] = record ? [...record.origins] : [];
    if (record) {
      const known = describes(record, text) ? text : await loadKnownText(this.store.stateDir, record);
      if (known !== undefined) spans = remapRecord(record, known, text).spans.map(([s, e, o]) => [s, e, o]);
    }
    const tracker = AttributionTracker.fromSpans(text.length, spans);
    const offsetOf = (i: number) =>
      [...HEADER, ...this.work.slice(0, i).map((l) => l.text)].reduce((n, l) => n + l.length + 1, 0);
    if (del && this.work.length > 0) {
      const i = at % this.work.length;
      const old = this.work[i]!.text + '\n';
      tracker.apply({ start: offsetOf(i), deleteLength: old.length, text: '', oldText: old });
      this.work.splice(i, 1);
    } else {
      const i = at % (this.work.length + 1);
      const line = this.line(ai);
      let origin: number | undefined;
      if (ai) {
        const known = origins.findIndex((o) => o.kind === INLINE.kind && o.tool === INLINE.tool);
        origin = known >= 0 ? known : origins.push(INLINE) - 1;
      }
      tracker.apply({
        start: offsetOf(i),
        deleteLength: 0,
        text: line.text + '\n',
        ...(origin !== undefined ? { origin } : {}),
      });
      this.work.splice(i, 0, line);
    }
    const now = this.textOf(this.work);
    this.repo.write(FILE, now);
    await saveTextSnapshot(this.store.stateDir, contentHash(now), now);
    await this.store.write(
      {
        version: 1,
        path: FILE,
        contentHash: contentHash(now),
        length: now.length,
        origins,
        spans: tracker.toSpans(),
        updated: Date.now(),
      },
      { mode: 'replace' },
    );
  }

  /** `echo >>`, a formatter, another tool: the file changes, nothing is recorded. */
  private outside(at: number, del: boolean): void {
    if (del && this.work.length > 0) this.work.splice(at % this.work.length, 1);
    else this.work.splice(at % (this.work.length + 1), 0, this.line(false));
    this.writeWork();
  }

  private headText(): string {
    return this.textOf(this.commits[this.head]!.lines);
  }

  /** The note of HEAD must name exactly the AI lines the commit added over `parent` (1-based, in the file). */
  private checkNote(parent: number): void {
    const before = new Set(parent >= 0 ? this.commits[parent]!.lines.map((l) => l.text) : []);
    const expected = this.work.flatMap((l, i) => (l.ai && !before.has(l.text) ? [HEADER.length + i + 1] : []));
    assert.deepEqual(this.repo.noteLines().get(FILE) ?? [], expected, 'note of the commit');
  }

  private record(parent: number): void {
    this.commits.push({ lines: [...this.work], parent });
    this.head = this.commits.length - 1;
    this.resetAway = false;
    this.checkNote(parent);
  }

  private commit(): void {
    // git refuses a commit that changes nothing.
    if (this.textOf(this.work) === this.headText()) return;
    this.repo.commitHooked('step');
    this.record(this.head);
  }

  private amend(): void {
    const parent = this.commits[this.head]!.parent;
    if (parent < 0) return;
    this.repo.run(['add', '-A']);
    this.repo.run(['commit', '-q', '--amend', '--no-edit', '--allow-empty']);
    this.record(parent);
  }

  private reset(): void {
    const parent = this.commits[this.head]!.parent;
    if (parent < 0) return;
    this.repo.run(['reset', '-q', '--soft', 'HEAD~1']);
    this.head = parent;
    this.resetAway = true;
  }

  private stash(wantBaseChange: boolean): void {
    if (this.textOf(this.work) === this.headText()) return;
    const stashed = [...this.work];
    // A stash that changes the first body line touches the base change above it: git's pop would conflict, which is
    // not what this step is about, so the base stays as it is then.
    const first = this.commits[this.head]!.lines[0];
    const baseChange = wantBaseChange && first !== undefined && stashed[0]?.text === first.text;
    this.repo.run(['stash', '-q']);
    this.work = [...this.commits[this.head]!.lines];
    if (baseChange) {
      // Above the body, below nothing a stash changes: git's merge keeps it on top when the stash comes back.
      const top = this.line(false);
      this.work.unshift(top);
      this.writeWork();
      this.repo.commitHooked('upstream');
      // That commit carries none of the stashed lines, so lines reset away before the stash stay in the known gap
      // (human in blame until a commit carries them; the final commit's note is checked).
      const resetAway = this.resetAway;
      this.record(this.head);
      this.resetAway = resetAway;
      this.work = [top, ...stashed];
    } else this.work = stashed;
    this.repo.run(['stash', 'pop', '-q']);
    assert.equal(this.readWork(), this.textOf(this.work), 'the popped work tree');
  }

  /** Blame of the whole file (notes for committed lines, the working state for the rest) against the reference. */
  async checkBlame(): Promise<void> {
    if (this.resetAway) return; // known gap: reset-away lines show as human until the next commit carries them
    if (this.leftQueued) return void (this.leftQueued = false); // the next step finds the call queued
    const result = await aiBlame(this.info, FILE);
    const actual = result.lines.flatMap((l, i) => (l.authorship !== 'human' ? [i + 1] : []));
    const expected = this.work.flatMap((l, i) => (l.ai ? [HEADER.length + i + 1] : []));
    assert.deepEqual(actual, expected, 'AI lines of the whole file');
  }
}

describe('no loss through real git: random agent / editor / outside edits, commits, amends, resets, stashes (property)', function () {
  this.timeout(0);

  it(`zero divergence from the reference over ${RUNS} sequences on a real repository`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const repo = await createHookedRepo();
        try {
          const world = new RealWorld(repo);
          await world.init();
          for (const s of steps) {
            await world.run(s);
            await world.checkBlame();
          }
          await world.run({ t: 'commit' });
          await world.checkBlame();
        } finally {
          repo.cleanup();
        }
      }),
      { numRuns: RUNS, endOnFailure: true, ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
  });
});
