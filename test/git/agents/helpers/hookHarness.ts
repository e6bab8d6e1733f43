/**
 * Running the real `ai-provenance hook` command against temp repositories: the recorded agent payload fixtures
 * (test/unit/agents/fixtures, paths rewritten to the temp repo), in-process through `main` or as a spawned node
 * process like an agent would, and reading back what was recorded.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../../src/cli/main';
import type { CliIo } from '../../../../src/cli/command';
import type { Origin } from '../../../../src/core/attribution/origin';
import type { FileRecord } from '../../../../src/core/state/fileRecord';
import { WorkingStateStore } from '../../../../src/git/stateStore';
import { createTempRepo, type TempRepo } from '../../helpers/tempRepo';

/** Walks up from the compiled test to the source tree (tests run from out*, at any depth). */
export function sourceRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (
      fs.existsSync(path.join(dir, 'test', 'unit', 'agents', 'fixtures')) &&
      fs.existsSync(path.join(dir, 'package.json'))
    )
      return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('source root not found above ' + __dirname);
    dir = parent;
  }
}

/** The compiled CLI entry next to this compiled test (`out-<name>/src/cli/main.js`). */
export function compiledCli(): string {
  const outDir = path.resolve(__dirname, '..', '..', '..', '..');
  return path.join(outDir, 'src', 'cli', 'main.js');
}

/** A fixture payload with `/home/dev/shop` (the recorded project) replaced by `root`, plus optional field overrides. */
export function payload(
  relative: string,
  root: string,
  overrides: Record<string, unknown> = {},
  remove: string[] = [],
): string {
  const text = fs.readFileSync(path.join(sourceRoot(), 'test', 'unit', 'agents', 'fixtures', relative), 'utf8');
  const obj = JSON.parse(text.split('/home/dev/shop').join(JSON.stringify(root).slice(1, -1))) as Record<
    string,
    unknown
  >;
  for (const key of remove) delete obj[key];
  return JSON.stringify({ ...obj, ...overrides });
}

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function runCli(
  args: readonly string[],
  options: { cwd: string; stdin?: string; env?: NodeJS.ProcessEnv },
): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: CliIo = {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdin: async () => options.stdin ?? '',
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
  };
  const code = await main(args, io);
  return { code, out, err };
}

export function runHook(
  agent: string,
  phase: 'pre' | 'post' | undefined,
  stdin: string,
  cwd: string,
  env?: NodeJS.ProcessEnv,
): Promise<CliRun> {
  return runCli(['hook', agent, ...(phase ? [phase] : [])], { cwd, stdin, env });
}

/** The hook as an agent runs it: `node <compiled cli> hook <agent> <phase>` with the payload on stdin. */
export function spawnHook(agent: string, phase: string, stdin: string, cwd: string): CliRun {
  const res = spawnSync(process.execPath, [compiledCli(), 'hook', agent, phase], {
    cwd,
    input: stdin,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: res.status ?? -1, out: res.stdout, err: res.stderr };
}

export async function readRecord(root: string, rel: string): Promise<FileRecord | undefined> {
  return (await WorkingStateStore.open(root)).read(rel);
}

/** Each attributed piece of `text` as [substring, origin], in order: the character-by-character view of a record. */
export function attributedPieces(record: FileRecord, text: string): Array<[string, Origin]> {
  return record.spans.map(([s, e, o]) => [text.slice(s, e), record.origins[o]]);
}

/** The substrings an origin of `kind` covers, in order. */
export function piecesOfKind(record: FileRecord | undefined, text: string, kind: Origin['kind']): string[] {
  if (record === undefined) return [];
  return attributedPieces(record, text)
    .filter(([, o]) => o.kind === kind)
    .map(([t]) => t);
}

export function logText(root: string): string {
  const file = path.join(root, '.git', 'ai-provenance', 'log.txt');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

/** The file every agent fixture edits: its committed text, the text after the fixtures' edit, and what the agent wrote. */
export const ORIGINAL = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
export const EDITED = 'export function add(a: number, b: number): number {\n  const s = a + b;\n  return s;\n}\n';
export const REWRITTEN = ['  const s = a + b;\n  return s;\n'];

/** A fresh repository with `src/cart.ts` committed as ORIGINAL. */
export function cartRepo(): TempRepo {
  const repo = createTempRepo();
  repo.write('src/cart.ts', ORIGINAL);
  repo.commitAll('initial');
  return repo;
}
