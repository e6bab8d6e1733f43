/**
 * Public functions that newly delete files: a function or method of the library's public surface (syntax/surfaces.ts)
 * that gains a call removing files (os.remove, shutil.rmtree, Path.unlink, fs.rm*, fs::remove_file / remove_dir_all,
 * os.Remove / RemoveAll, Files.delete...), itself or through a function of the same file it calls. Callers outside
 * the repository hand it their paths: a wrong path or a wider glob deletes a user's files. Only paths that come from
 * the caller (a parameter or a local computed from one) or name the user's home or working directory count: an
 * object removing its own socket file (`self._path`) or a temporary or scratch path is cleanup. Compared with the
 * base, so a deletion the function already made is not news; test code stays silent. High when a directory tree goes.
 */
import type { Change } from '../model/change';
import type { DeleteCall, FileSurface, FunctionFacts } from '../syntax/signatures';
import { surfacesOf } from '../syntax/surfaces';
import { FindingSink, RuleFamily, RuleMeta, newRange, quote } from './rule';

const DELETES: RuleMeta = {
  id: 'public-function-deletes-files',
  claims: { languages: ['js', 'py', 'go', 'rust', 'java'] },
  category: 'destructive',
  title: 'Public function now deletes files',
  whatToDo:
    'Check which paths can reach the deletion from a caller (user input, globs, symlinks, the home directory), that it is documented, and that a test covers a path outside the expected folder.',
};

export const publicDeleteRules: RuleFamily = {
  name: 'public-deletes',
  rules: [DELETES],
  run(change: Change, sink: FindingSink): void {
    for (const pair of surfacesOf(change).values()) {
      const added = new Set(pair.file.added.map((l) => l.line));
      for (const sym of pair.head.symbols.values()) {
        if (sym.kind !== 'function' && sym.kind !== 'method') continue;
        const now = reached(pair.head, sym.name);
        if (now.length === 0) continue;
        const before = new Map<string, number>();
        for (const d of reached(pair.base, sym.name)) before.set(d.callee, (before.get(d.callee) ?? 0) + 1);
        const fresh = now.filter((d) => {
          const n = before.get(d.callee) ?? 0;
          before.set(d.callee, n - 1);
          return n <= 0;
        });
        if (fresh.length === 0) continue;
        // Point at the new deletion when this change added it, else at the first added line of the function.
        const own = fresh.find((d) => added.has(d.line));
        const at = own?.line ?? [...added].find((l) => l >= sym.start && l <= sym.end);
        if (at === undefined) continue;
        const tree = fresh.some((d) => d.recursive);
        const first = own ?? fresh[0];
        const via = first.via !== sym.name ? ` through ${quote(first.via, 30)}` : '';
        sink.add(
          DELETES,
          pair.file,
          newRange(at),
          tree ? 'high' : 'medium',
          `public ${sym.kind} ${quote(sym.name, 40)} now ${tree ? 'deletes a directory tree' : 'deletes files'} (${quote(first.callee, 30)}${via})`,
        );
      }
    }
  },
};

/**
 * Deletions of caller-given (or the user's own) paths a function makes, itself or through a function of the same
 * file it calls directly with a caller's value.
 */
function reached(s: FileSurface, name: string): (DeleteCall & { via: string })[] {
  const byName = new Map<string, FunctionFacts>();
  for (const f of s.functions) if (!byName.has(f.name)) byName.set(f.name, f);
  const fn = byName.get(name);
  if (!fn) return [];
  const out = fn.deletes.filter((d) => d.userPath).map((d) => ({ ...d, via: name }));
  const short = (n: string): string => n.replace(/^.*\./, '');
  const local = new Map<string, FunctionFacts>();
  for (const f of s.functions) local.set(short(f.name), f);
  for (const [c, passes] of fn.calls) {
    const g = local.get(c);
    if (g && g !== fn && passes) out.push(...g.deletes.filter((d) => d.userPath).map((d) => ({ ...d, via: c })));
  }
  return out;
}
