/**
 * One-shot object reads: every name written to `git cat-file --batch` (or `--batch-check`) at once, stdin closed,
 * answers parsed as they stream in. For a known list this is one round trip instead of one write per object.
 */
import { CatFileBatchParser, type BatchEntry } from '../catFileBatchParser';
import { GitError, runGit, spawnGit } from '../exec';

function usable(name: string): boolean {
  return name !== '' && !/[\n\r]/.test(name);
}

/** Objects by name, in order; undefined for missing objects and names that cannot be requested. */
export function catFileAll(cwd: string, names: readonly string[]): Promise<Array<BatchEntry | undefined>> {
  const requested = names.filter(usable);
  if (requested.length === 0) return Promise.resolve(names.map(() => undefined));
  const args = ['cat-file', '--batch'];
  return new Promise((resolve, reject) => {
    const child = spawnGit(args, { cwd });
    const parser = new CatFileBatchParser();
    const entries: BatchEntry[] = [];
    let stderr = '';
    let failed: Error | undefined;
    child.stdin.on('error', () => undefined);
    child.stderr.on('data', (c: Buffer) => {
      if (stderr.length < 8192) stderr += c.toString('utf8');
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (failed) return;
      try {
        entries.push(...parser.push(chunk));
      } catch (err) {
        failed = new GitError(
          'exit',
          args,
          cwd,
          null,
          stderr,
          `produced unreadable output (${(err as Error).message})`,
        );
        child.kill();
      }
    });
    child.on('error', (err) => {
      failed ??= new GitError('spawn', args, cwd, null, stderr, `could not run: ${err.message}`);
    });
    child.on('close', (code) => {
      if (!failed && (code !== 0 || entries.length !== requested.length)) {
        failed = new GitError(
          'exit',
          args,
          cwd,
          code,
          stderr,
          `answered ${entries.length} of ${requested.length} requests (exit code ${code})`,
        );
      }
      if (failed) return reject(failed);
      let next = 0;
      resolve(names.map((name) => (usable(name) ? entries[next++] : undefined)));
    });
    child.stdin.end(requested.join('\n') + '\n');
  });
}

/** Object sizes by name from one `git cat-file --batch-check`; missing objects are absent. */
export async function objectSizes(
  cwd: string,
  names: readonly string[],
): Promise<Map<string, { type: string; size: number }>> {
  const out = new Map<string, { type: string; size: number }>();
  const requested = [...new Set(names.filter(usable))];
  if (requested.length === 0) return out;
  const result = await runGit(['cat-file', '--batch-check=%(objecttype) %(objectsize)'], {
    cwd,
    input: requested.join('\n') + '\n',
  });
  const lines = result.stdout.split('\n');
  requested.forEach((name, i) => {
    const m = /^([a-z]+) (\d+)$/.exec(lines[i] ?? '');
    if (m) out.set(name, { type: m[1], size: Number(m[2]) });
  });
  return out;
}
