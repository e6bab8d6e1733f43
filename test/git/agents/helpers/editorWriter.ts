/**
 * Child process for the concurrency test, standing in for the editor: writes `count` records of one file's current
 * text, each carrying one new one-character inline span inside the header line, so a lost write shows up as a
 * missing span. Usage: node editorWriter.js <repoRoot> <relPath> <count>
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contentHash } from '../../../../src/core/hash';
import { WorkingStateStore } from '../../../../src/git/stateStore';

/** Offset of span j: disjoint and never touching, all inside `//xxxx…` header lines of 2 + 2·count characters. */
export function editorSpanStart(j: number): number {
  return 2 + 2 * j;
}

async function main(): Promise<void> {
  const [root, rel, countText] = process.argv.slice(2);
  const count = Number(countText);
  const text = fs.readFileSync(path.join(root, rel), 'utf8');
  const store = await WorkingStateStore.open(root, { lock: { maxWaitMs: 60_000 } });
  for (let j = 0; j < count; j++) {
    const start = editorSpanStart(j);
    const origin = { kind: 'inline' as const, tool: 'GitHub Copilot', time: 1_700_000_000_000 + j };
    await store.write({
      version: 1,
      path: rel,
      contentHash: contentHash(text),
      length: text.length,
      origins: [origin],
      spans: [[start, start + 1, 0]],
      updated: Date.now(),
    });
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
