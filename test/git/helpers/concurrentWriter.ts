/**
 * Child process for the concurrency test: writer `index` of the store at `repoRoot` writes `count` records for the
 * same file, each carrying only one new span, so any lost read-merge-write shows up as a missing span.
 * Usage: node concurrentWriter.js <repoRoot> <relPath> <index> <count> <text>
 */
import { WorkingStateStore } from '../../../src/git/stateStore';
import { agentOrigin, makeRecord } from './records';

/** Span j of writer i: disjoint from every other writer's and never touching its neighbours. */
export function writerSpan(index: number, j: number, count: number): [number, number] {
  const start = (index * count + j) * 3;
  return [start, start + 2];
}

async function main(): Promise<void> {
  const [repoRoot, relPath, indexText, countText, text] = process.argv.slice(2);
  const index = Number(indexText);
  const count = Number(countText);
  const store = await WorkingStateStore.open(repoRoot, { lock: { maxWaitMs: 30_000 } });
  for (let j = 0; j < count; j++) {
    const [start, end] = writerSpan(index, j, count);
    await store.write(makeRecord(relPath, text, [agentOrigin(`writer-${index}`)], [[start, end, 0]], Date.now()));
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? err.stack : err);
      process.exit(1);
    },
  );
}
