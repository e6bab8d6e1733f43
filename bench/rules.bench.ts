/**
 * Review rules over a ~5,000-line `git diff`, as a ratio to running that `git diff` (goal <= 1x): checking a change
 * must cost no more than producing it. Builds a throwaway repository under the OS temp dir with a realistic
 * multi-language change (edits, additions, a few risky lines), then times both.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseUnifiedDiff } from '../src/core/review/diff/parse';
import { reviewChange } from '../src/core/review/engine';
import type { BenchRow } from './types';
import { measure } from './types';

interface Lang {
  readonly ext: string;
  readonly dir: string;
  /** One function of ordinary code, numbered so files and variants differ. */
  readonly fn: (name: string, i: number) => string[];
  /** Occasional risky lines in this language, so the rules that match have real work to do. */
  readonly risky: readonly string[];
}

const LANGS: readonly Lang[] = [
  {
    ext: 'ts',
    dir: 'src',
    fn: (n, i) => [
      `export function ${n}(input: Item[], limit = ${i}): number {`,
      `  const picked = input.filter((x) => x.weight > ${i % 7}).slice(0, limit);`,
      `  // sums the weights of the first ${i} items`,
      `  return picked.reduce((s, x) => s + x.weight * ${(i % 5) + 1}, 0);`,
      '}',
    ],
    risky: [
      '  // TODO: handle the empty case',
      '  try { save(); } catch (e) {}',
      '  const url = "https://api.internal.acme.io/v1";',
      '  await Promise.all(jobs);',
    ],
  },
  {
    ext: 'py',
    dir: 'app',
    fn: (n, i) => [
      `def ${n}(items, limit=${i}):`,
      `    picked = [x for x in items if x.weight > ${i % 7}][:limit]`,
      `    # sums the weights of the first ${i} items`,
      `    return sum(x.weight * ${(i % 5) + 1} for x in picked)`,
      '',
    ],
    risky: [
      '    # TODO: handle the empty case',
      '    cur.execute(f"SELECT * FROM t WHERE id = {item_id}")',
      '    value = cache.get(key)  # type: ignore',
      '    subprocess.run(cmd, shell=True)',
    ],
  },
  {
    ext: 'go',
    dir: 'pkg',
    fn: (n, i) => [
      `func ${n}(items []Item, limit int) int {`,
      '	total := 0',
      '	for k, x := range items {',
      `		if k >= limit || x.Weight <= ${i % 7} {`,
      '			continue',
      '		}',
      `		total += x.Weight * ${(i % 5) + 1}`,
      '	}',
      '	return total',
      '}',
    ],
    risky: [
      '// TODO: handle the empty case',
      'var mu sync.Mutex',
      'var endpoint = "http://10.1.2.3:8080"',
      '//nolint:errcheck',
    ],
  },
  {
    ext: 'java',
    dir: 'src/main/java',
    fn: (n, i) => [
      `    public static int ${n}(List<Item> items, int limit) {`,
      `        return items.stream().filter(x -> x.weight > ${i % 7}).limit(limit)`,
      `            .mapToInt(x -> x.weight * ${(i % 5) + 1}).sum();`,
      '    }',
      '',
    ],
    risky: [
      '    // TODO: handle the empty case',
      '    @SuppressWarnings("unchecked")',
      '    private static final ExecutorService POOL = Executors.newFixedThreadPool(4);',
      '    // catch (Exception e) { }',
    ],
  },
];

function sourceFile(lang: Lang, file: number, variant: number): string {
  const lines: string[] = [];
  // Variants rename some functions, change some constants, add a few risky lines and append new functions.
  const count = variant ? 18 + variant : 18;
  for (let f = 0; f < count; f++) {
    const i = file * 100 + f;
    lines.push(
      ...lang.fn(`compute${i}${variant && f % 3 === 0 ? 'V' + variant : ''}`, variant && f % 4 === 0 ? i + variant : i),
    );
    if (variant && f % 6 === 0) lines.push(lang.risky[(i + variant) % lang.risky.length]);
  }
  return lines.join('\n') + '\n';
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

export async function rows(): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-prov-rules-bench-'));
  try {
    git(dir, 'init', '-q');
    git(dir, 'config', 'user.email', 'bench@example.invalid');
    git(dir, 'config', 'user.name', 'bench');
    const files: { file: string; lang: Lang; n: number }[] = [];
    for (let n = 0; n < 40; n++) {
      const lang = LANGS[n % LANGS.length];
      files.push({ file: path.join(lang.dir, `mod${n}.${lang.ext}`), lang, n });
    }
    for (const f of files) {
      fs.mkdirSync(path.join(dir, path.dirname(f.file)), { recursive: true });
      fs.writeFileSync(path.join(dir, f.file), sourceFile(f.lang, f.n, 0));
    }
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    for (const f of files) fs.writeFileSync(path.join(dir, f.file), sourceFile(f.lang, f.n, 1 + (f.n % 3)));

    const diffText = git(dir, 'diff');
    const diffLines = diffText.split('\n').length - 1;
    let findings = 0;
    const review = (): void => {
      findings = reviewChange({ diff: parseUnifiedDiff(diffText) }).findings.length;
    };
    // Warm both paths (regex compilation, JIT, git's page cache), then alternate single samples of each so both
    // see the same machine load: the ratio stays meaningful on a busy shared machine.
    measure(review, 1, 30);
    measure(() => git(dir, 'diff'), 1, 5);
    const gitSamples: number[] = [];
    const rulesSamples: number[] = [];
    for (let r = 0; r < 31; r++) {
      gitSamples.push(measure(() => git(dir, 'diff'), 1, 1));
      rulesSamples.push(measure(review, 1, 1));
    }
    const gitNs = median(gitSamples);
    const rulesNs = median(rulesSamples);
    const ratio = rulesNs / gitNs;
    return [
      {
        name: `review rules @${diffLines}-line diff / git diff`,
        ratio,
        goal: '<= 1x',
        pass: ratio <= 1,
        detail: `parse+rules ${(rulesNs / 1e6).toFixed(2)} ms (${findings} findings), git diff ${(gitNs / 1e6).toFixed(2)} ms, ${files.length} files`,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
