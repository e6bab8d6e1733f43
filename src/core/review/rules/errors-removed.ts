/**
 * Error handling removed: per hunk, more lines that handle a failure removed than added, unless the handling went with
 * the code it guarded, moved into a helper the change added, or was a Python import guard folded into its neighbour.
 * Split from errors.ts (swallowed errors and catch-alls), which runs it per source file.
 */
import type { ChangeFile, ChangeLine } from '../model/change';
import { FindingSink, RuleMeta, oldRange, quote } from './rule';

export const REMOVED: RuleMeta = {
  id: 'error-handling-removed',
  claims: { languages: ['js', 'py', 'go', 'rust', 'java', 'cs'] },
  category: 'error-handling',
  title: 'Error handling removed',
  whatToDo: 'Check what now happens on the failure path the removed lines handled.',
};

/**
 * Error handling in any language; Rust's `.ok()`, `unwrap_or`, `map_err`, `is_ok_and`, `if let` and `let … else`
 * replace a match arm or a `?` in kind (`.ok().is_some_and(f)` rewritten as `.is_ok_and(f)`, and `let x = y?;`
 * rewritten as `let Some(x) = y else { return Ok(None) };`, handle the same failure). A Go return hands the error on
 * whatever values precede it: `return err` rewritten as `return false, err` when the function gains a result.
 */
const HANDLING =
  /^\s*let\s+(?:Some|Ok|Err)\s*\(|\.ok\(\)|\.is_(?:ok|err)(?:_and)?\s*\(|\bunwrap_or\w*\s*\(|\bmap_err\s*\(|\bif\s+let\s+(?:Ok|Err|Some)\b|\bthrow\b|\braise\b|\breturn\s+(?:[^,;()\s][^,;()]*,\s*)*(?:err|e|error|fmt\.Errorf|errors\.\w+)\b|\bpanic\s*\(|\breject\s*\(|\bcatch\b|\bexcept\b|\bif\s+err\s*!=\s*nil|\btry\s*[:{]|\bErr\s*\(|\?\s*;\s*$|\bonError\b|\bassert\s/;

/** Per hunk: more error-handling lines removed than added means a failure path lost its handling. */
export function removedHandling(sink: FindingSink, file: ChangeFile, headText: string | undefined): void {
  const removed = new Map<number, ChangeLine[]>();
  const folded = foldedImportGuards(file, headText);
  for (const l of file.removed) {
    if (!sink.mayMatch(l) || !HANDLING.test(l.code) || goneWithItsCode(file, l) || folded.has(l)) continue;
    const list = removed.get(l.hunk) ?? [];
    list.push(l);
    removed.set(l.hunk, list);
  }
  if (removed.size === 0) return;
  const added = new Map<number, number>();
  for (const l of file.added)
    if (sink.mayMatch(l) && HANDLING.test(l.code)) added.set(l.hunk, (added.get(l.hunk) ?? 0) + 1);
  const helpers = handlingHelpers(file);
  for (const [hunk, lines] of removed) {
    // The hunk now calls a function this change added to the file with handling of its own: the handling moved there.
    if (helpers.length > 0 && file.added.some((l) => l.hunk === hunk && helpers.some((h) => h.test(l.code)))) continue;
    const kept = added.get(hunk) ?? 0;
    if (lines.length <= kept) continue;
    sink.add(
      REMOVED,
      file,
      oldRange(lines[0].line, lines[lines.length - 1].line),
      'medium',
      `${lines.length - kept} error-handling line${lines.length - kept > 1 ? 's' : ''} removed, e.g. ${quote(lines[0].text, 50)}`,
    );
  }
}

/**
 * Calls of functions defined by the change's added lines in this file whose added body handles errors (a `try`/`catch`
 * moved out of a caller into a new `readVerified(path)` helper): one pattern per helper, `name(`.
 */
function handlingHelpers(file: ChangeFile): RegExp[] {
  const def = DEFINITION[file.cls.language];
  if (!def) return [];
  const out: RegExp[] = [];
  let current: { name: string; indent: number; handles: boolean } | undefined;
  const close = (): void => {
    if (current?.handles) out.push(new RegExp(String.raw`\b${current.name}\s*\(`));
    current = undefined;
  };
  let last: ChangeLine | undefined;
  for (const l of file.added) {
    if (last && (l.hunk !== last.hunk || l.index !== last.index + 1)) close();
    last = l;
    const m = def.exec(l.text);
    const indent = /^\s*/.exec(l.text)![0].length;
    if (m) {
      close();
      current = { name: m[1] ?? m[2], indent, handles: false };
    } else if (current && l.text.trim() !== '' && indent <= current.indent && !/^\s*[}\])]/.test(l.text)) close();
    else if (current && HANDLING.test(l.code)) current.handles = true;
  }
  close();
  return out;
}

/** A definition's first line and its name, per language: functions, methods, Go package-level vars. */
const DEFINITION: Partial<Record<string, RegExp>> = {
  rust: /^\s*(?:pub(?:\([^)]*\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?fn\s+(\w+)/,
  go: /^func\s+(?:\([^)]*\)\s*)?(\w+)|^\s*var\s+(\w+)\s*=/,
  py: /^\s*(?:async\s+)?def\s+(\w+)/,
  js: /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*(\w+)|^\s*(?:export\s+)?(?:const|let|var)\s+(\w+)\s*=\s*(?:async\s*)?(?:\([^)]*\)|\w+)\s*(?::[^=]*)?=>/,
  java: /^\s*(?:(?:public|private|protected|static|final|synchronized)\s+)+[\w<>[\],\s]+\s(\w+)\s*\(/,
};
/** A signature that can fail: Rust `Result`/`Option`, Go's `error` result. Other languages do not say. */
const FALLIBLE: Partial<Record<string, RegExp>> = { rust: /\b(?:Result|Option)\b/, go: /\berror\b/ };

/**
 * Handling removed together with the code it guarded: the definition holding it was deleted in the same hunk, or
 * rewritten with a signature that can no longer fail (Rust `-> Result<..>` to `-> Self`, Go without `error`).
 * Reverts and removals of a feature, and a fallible call replaced by an infallible one, leave no failure path.
 */
function goneWithItsCode(file: ChangeFile, l: ChangeLine): boolean {
  const def = DEFINITION[file.cls.language];
  if (!def) return false;
  const lines = file.diff.hunks[l.hunk].lines;
  const indent = /^\s*/.exec(l.text)![0].length;
  for (let i = l.index - 1; i >= 0; i--) {
    const x = lines[i];
    if (x.kind === 'add') continue;
    const m = def.exec(x.text);
    if (!m || /^\s*/.exec(x.text)![0].length >= indent) continue;
    if (x.kind !== 'del') return false;
    const name = m[1] ?? m[2];
    const again = lines.findIndex((y) => y.kind === 'add' && def.exec(y.text)?.slice(1).includes(name));
    if (again < 0) return true;
    const fallible = FALLIBLE[file.cls.language];
    if (!fallible) return false;
    const signature: string[] = [];
    for (let j = again; j < lines.length && signature.length < 6; j++) {
      if (lines[j].kind === 'del') continue;
      signature.push(lines[j].text);
      if (/\{\s*$/.test(lines[j].text)) break;
    }
    return !fallible.test(signature.join(' '));
  }
  return false;
}

const IMPORT_LINE = /^\s*(?:from\s+[\w.]+\s+import\b|import\s+[\w.]+)|^\s*[\w\s,]*\)?\s*$/;
const EXCEPT_IMPORT_ERROR =
  /^\s*except\s*\(?[\w.\s,]*\b(?:ImportError|ModuleNotFoundError)\b[\w.\s,]*\)?\s*(?:as\s+\w+\s*)?:/;
const RAISE_IMPORT_ERROR = /^\s*raise\s+(?:ImportError|ModuleNotFoundError)\b/;

/**
 * Python import guards removed whole (`try:` around imports only, `except ImportError: raise ImportError("install
 * the extra …")`) while the file keeps such a guard: the imports moved under it or after it, and a missing package
 * still fails with ImportError and an install hint. Folding two guards into one loses no failure path. The lines of
 * those blocks, to leave out of the count.
 */
function foldedImportGuards(file: ChangeFile, headText: string | undefined): Set<ChangeLine> {
  const out = new Set<ChangeLine>();
  if (file.cls.language !== 'py' || !file.removed.some((l) => EXCEPT_IMPORT_ERROR.test(l.code))) return out;
  const kept =
    headText !== undefined
      ? headText.split('\n')
      : file.diff.hunks.flatMap((h) => h.lines.filter((x) => x.kind !== 'del').map((x) => x.text));
  if (
    !kept.some(
      (t, i) => EXCEPT_IMPORT_ERROR.test(t) && kept.slice(i + 1, i + 4).some((n) => RAISE_IMPORT_ERROR.test(n)),
    )
  )
    return out;
  const byIndex = new Map(file.removed.map((l) => [`${l.hunk}:${l.index}`, l] as const));
  file.diff.hunks.forEach((h, hunk) => {
    for (let i = 0; i < h.lines.length; i++) {
      if (h.lines[i].kind !== 'del' || !/^\s*try\s*:\s*$/.test(h.lines[i].text)) continue;
      const indent = /^\s*/.exec(h.lines[i].text)![0].length;
      let j = i + 1;
      let phase: 'imports' | 'handler' = 'imports';
      let raises = false;
      let ok = true;
      for (; j < h.lines.length && h.lines[j].kind === 'del'; j++) {
        const t = h.lines[j].text;
        if (t.trim() === '' || /^\s*#/.test(t)) continue;
        const deeper = /^\s*/.exec(t)![0].length > indent;
        if (!deeper) {
          if (phase === 'imports' && EXCEPT_IMPORT_ERROR.test(t)) phase = 'handler';
          else break;
        } else if (phase === 'imports' && !IMPORT_LINE.test(t)) ok = false;
        else if (phase === 'handler' && RAISE_IMPORT_ERROR.test(t)) raises = true;
      }
      if (!ok || phase !== 'handler' || !raises) continue;
      for (let k = i; k < j; k++) {
        const l = byIndex.get(`${hunk}:${k}`);
        if (l) out.add(l);
      }
      i = j - 1;
    }
  });
  return out;
}
