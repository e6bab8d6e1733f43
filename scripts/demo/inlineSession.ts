/**
 * Demo only (bundled by scripts/demo.mjs, never shipped): replays an editing session in which a person types and
 * accepts inline completions, through the same core the editor feeds (`AttributionTracker`, one change per edit,
 * accepted suggestions carrying an `inline` origin), and stores the result with the same working-state store the
 * editor's persistence uses. The git hooks then turn it into trailers and a note, exactly as after a real session.
 *
 * Usage: node inline-session.cjs REPO FILE STEPS_JSON
 * STEPS_JSON: [{ "type": "human" | "inline", "text": "..." , "at"?: number }] — each step inserts its text at `at`
 * (default: the end); the file starts as it is on disk.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AttributionTracker, OriginTable, type Origin } from '../../src/core/attribution';
import { recordFromSpans } from '../../src/core/state';
import { WorkingStateStore } from '../../src/git/stateStore';

interface Step {
  readonly type: 'human' | 'inline';
  readonly text: string;
  readonly at?: number;
}

async function main(): Promise<void> {
  const [repo, rel, stepsJson] = process.argv.slice(2);
  if (!repo || !rel || !stepsJson) throw new Error('usage: inline-session REPO FILE STEPS_JSON');
  const steps = JSON.parse(stepsJson) as Step[];
  const file = path.join(repo, rel);
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const origins = new OriginTable();
  const tracker = new AttributionTracker(text.length, { origins });
  let time = Date.parse('2026-01-05T09:00:00Z');
  for (const step of steps) {
    const at = step.at ?? text.length;
    const origin: Origin = { kind: 'inline', tool: 'Demo AI', model: 'demo/fixed-suggestions', time: (time += 60_000) };
    tracker.apply({ start: at, deleteLength: 0, text: step.text, ...(step.type === 'inline' ? { origin: origins.intern(origin) } : {}) });
    text = text.slice(0, at) + step.text + text.slice(at);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const store = await WorkingStateStore.open(repo);
  await store.write(recordFromSpans(rel, text, tracker.toSpans(), origins, time), { mode: 'replace' });
}

main().catch((err: unknown) => {
  console.error(`inline-session: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
