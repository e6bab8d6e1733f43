/**
 * The places a changed line does security-relevant work (the expression around each match of a surface pattern), and
 * what they tell about the line: a key only handed on, or plumbing carried over unchanged to the other side. Read by
 * surface.ts, within a file and across the files of a change.
 */
import type { ChangeFile, ChangeLine } from './change';

/** An expression without the object that owns its names: `self.base_url` and `base_url` are the same plumbing. */
export function ownerless(place: string): string {
  return place.replace(/\b(?:self|this|cls)\./g, '');
}

/** A key's name: what is handed on (a verb such as `isAuthenticated` in a condition is a check, never this). */
const KEY_NAME = String.raw`[\w$]*(?:key|token|secret|password|passwd|passphrase|credentials?)`;
/**
 * A key handed on without being read, checked or stored (places have no whitespace): forwarded under its own name
 * (`api_key=api_key`, `apiKey: apiKey`, `api_key=self.api_key`), or declared with a string type and no value but
 * None (`api_key: str | None = None`, `apiKey?: string`). A key passed bare to a call (`_AuthHook(api_key)`) is not:
 * that call may be what puts it in a header (pydantic-ai #7351, a Gateway auth hook rewired).
 */
const PASS_THROUGH = new RegExp(
  String.raw`^(?:(${KEY_NAME})[=:]\1|${KEY_NAME}\??:(?:str|string|String|SecretStr|bytes|None|null|undefined|Optional|\|)+(?:=(?:None|null|undefined))?)$`,
  'i',
);

export function passesThrough(place: string): boolean {
  return PASS_THROUGH.test(ownerless(place).replace(/^\*{1,2}/, ''));
}

/** Boolean operators between the clauses of a condition: `&&`, `||`, Python's `and`/`or`. */
const CLAUSE = /&&|\|\||\s(?:and|or)\s/g;
/** A lone `=` (not `==`, `!=`, `<=`, `>=`, `=>`): an assignment or a keyword argument. */
const ASSIGNS = /(?<![=!<>:])=(?![=>])/;

/** Each surface pattern with the global flag, to walk every match of a line. */
const GLOBAL = new Map<RegExp, RegExp>();

/**
 * Each place a line does this kind of work, as the expression around it (between `,`, `;` and brackets, a call with
 * its arguments; whitespace removed): `api_key=api_key` in `OpenAIProvider(api_key=api_key, base_url=base_url)`.
 */
export function placesOf(code: string, pattern: RegExp): string[] {
  let re = GLOBAL.get(pattern);
  if (!re) GLOBAL.set(pattern, (re = new RegExp(pattern.source, pattern.flags + 'g')));
  const out: string[] = [];
  for (const m of code.matchAll(re)) {
    let a = m.index;
    while (a > 0 && !',;(){}[]'.includes(code[a - 1])) a--;
    let b = m.index + m[0].length;
    while (b < code.length && !',;(){}[]'.includes(code[b])) b++;
    // A condition's clauses are places of their own: `not api_key` is the same check whatever the clause beside it
    // became (pydantic-ai #7412: `and 'X' not in os.environ` made `and not os.getenv('X')` beside an unchanged key test).
    // Not in an assignment or an argument's value: `api_key=api_key or os.getenv('KEY')` picks where the key comes from.
    if (!ASSIGNS.test(code.slice(a, b))) {
      const from = a;
      for (const op of code.slice(from, m.index).matchAll(CLAUSE)) a = from + op.index + op[0].length;
      const after = code.slice(m.index + m[0].length, b).search(CLAUSE);
      if (after >= 0) b = m.index + m[0].length + after;
    }
    // A call carries its arguments: `subprocess.run(cmd, shell=True)` and `subprocess.run([...])` differ.
    if (code[b] === '(') {
      for (let depth = 0; b < code.length; b++) {
        if (code[b] === '(') depth++;
        else if (code[b] === ')' && --depth === 0) {
          b++;
          break;
        }
      }
    }
    const place = code.slice(a, b).replace(/\s+/g, '');
    // A bare name inside braces is shorthand (`{ apiKey }`, `new Client({ apiKey })`): `apiKey: apiKey`.
    const shorthand = /^[A-Za-z_$][\w$]*$/.test(place) && (code[a - 1] === '{' || code[b] === '}');
    out.push(shorthand ? `${place}:${place}` : place);
  }
  return out;
}

/**
 * Drops from both hit maps the lines whose security-relevant expressions the other side has word for word: code
 * reshaped around credential plumbing that did not change (`return Provider(api_key=api_key)` becoming
 * `provider = Provider(api_key=api_key)`; pydantic-ai #7325) changes no credential handling. Each expression on the
 * other side vouches for one line.
 */
export function carryOver(
  pattern: RegExp,
  addedHits: Map<number, RegExpExecArray>,
  addedCode: readonly string[],
  removedHits: Map<number, RegExpExecArray>,
  removedCode: readonly string[],
  file: ChangeFile,
): void {
  if (addedHits.size === 0 || removedHits.size === 0) return;
  const places = (hits: Map<number, RegExpExecArray>, code: readonly string[]): Map<number, string[]> =>
    new Map([...hits.keys()].map((i) => [i, placesOf(code[i], pattern)]));
  const added = places(addedHits, addedCode);
  const removed = places(removedHits, removedCode);
  const carried = (from: Map<number, string[]>, to: Map<number, string[]>): number[] => {
    const pool = new Map<string, number>();
    for (const ps of to.values()) for (const p of ps) pool.set(p, (pool.get(p) ?? 0) + 1);
    const out: number[] = [];
    for (const [i, ps] of from) {
      if (ps.length === 0 || !ps.every((p) => (pool.get(p) ?? 0) > 0)) continue;
      for (const p of ps) pool.set(p, pool.get(p)! - 1);
      out.push(i);
    }
    return out;
  };
  // Then copies collapsed within one hunk: the same call in both arms of a removed `if/else`, kept once (pydantic-ai
  // #7418: `AsyncOpenAI(base_url=..., api_key=token, ...)` twice, now one `_create_openai_client(...)` call). Only
  // the hunk that kept one: a copy dropped elsewhere in the file is still a removal.
  const collapsed = (
    from: Map<number, string[]>,
    to: Map<number, string[]>,
    done: readonly number[],
    fromLines: readonly ChangeLine[],
    toLines: readonly ChangeLine[],
  ): number[] => {
    const inHunk = new Map<number, Set<string>>();
    for (const [i, ps] of to) {
      const set = inHunk.get(toLines[i].hunk) ?? new Set();
      for (const p of ps) set.add(p);
      inHunk.set(toLines[i].hunk, set);
    }
    const out: number[] = [];
    for (const [i, ps] of from) {
      if (done.includes(i)) continue;
      const there = inHunk.get(fromLines[i].hunk);
      if (there && ps.length > 0 && ps.every((p) => there.has(p))) out.push(i);
    }
    return out;
  };
  const fromAdded = carried(added, removed);
  const fromRemoved = carried(removed, added);
  const moreAdded = collapsed(added, removed, fromAdded, file.added, file.removed);
  const moreRemoved = collapsed(removed, added, fromRemoved, file.removed, file.added);
  for (const i of [...fromAdded, ...moreAdded]) addedHits.delete(i);
  for (const i of [...fromRemoved, ...moreRemoved]) removedHits.delete(i);
}

/** String literals of a line; single quotes only outside Rust (`'a` is a lifetime there). */
const LITERALS = /"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g;
const LITERALS_SINGLE = /"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`|'(?:[^'\\]|\\.)*'/g;
/** An equality comparison or a `case` label just before a literal, or a comparison just after it. */
const COMPARED_BEFORE = /(?:[=!]==?|\bcase)\s*$/;
const COMPARED_AFTER = /^\s*[=!]==?(?!=)/;

/**
 * Every match of the pattern on the line lies inside a string literal the line compares for equality or uses as a
 * `case` label: `authType === 'oauth-personal'` picks behaviour by the name of a kind of login (gemini-cli #28391, a
 * quota hint for Google-login users); it reads, sends, stores and compares no secret. A key compared
 * (`token === expected`) or a header set by name (`headers['Authorization'] = …`) is outside this.
 */
export function namesCompared(code: string, pattern: RegExp, singleQuotes: boolean): boolean {
  let re = GLOBAL.get(pattern);
  if (!re) GLOBAL.set(pattern, (re = new RegExp(pattern.source, pattern.flags + 'g')));
  const spans: [number, number][] = [];
  for (const s of code.matchAll(singleQuotes ? LITERALS_SINGLE : LITERALS)) {
    const end = s.index + s[0].length;
    if (COMPARED_BEFORE.test(code.slice(0, s.index)) || COMPARED_AFTER.test(code.slice(end)))
      spans.push([s.index, end]);
  }
  if (spans.length === 0) return false;
  let any = false;
  for (const m of code.matchAll(re)) {
    any = true;
    if (!spans.some(([a, b]) => m.index > a && m.index + m[0].length < b)) return false;
  }
  return any;
}
