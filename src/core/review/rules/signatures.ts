/**
 * Public API changes read from the syntax trees of both sides (syntax/surfaces.ts): a removed or renamed public
 * symbol, a parameter inserted before existing ones, removed, made required or keyword-only, a parameter's type or
 * default changed, a changed return type. Each names the old and the new signature. High when the module is the
 * library's entry point or another production file at the head still uses it (a mention shaped like a use of this
 * function, rules/referenceShape.ts); medium otherwise.
 *
 * Silent on purpose:
 * - parameters added at the end with a default, `?` or as variadics: every existing call still compiles and, since
 *   the default is what callers got before, behaves the same;
 * - renamed parameters outside Python (callers pass them by position; Python callers may pass them by keyword);
 * - formatting (signatures are compared without whitespace or trailing commas), annotations added where there were
 *   none (Python, TypeScript), and typing spellings that mean the same (`Optional[str]` and `str | None`);
 * - private and internal items (not in the surface at all), tests, symbols that moved to another changed file.
 */
import type { Change } from '../model/change';
import { entryPoint } from '../model/library';
import { classifyPath } from '../model/paths';
import { compact, type Param } from '../syntax/params';
import type { PublicSymbol } from '../syntax/signatures';
import { surfacesOf, type SurfacePair } from '../syntax/surfaces';
import type { Grammar } from '../syntax/tree';
import { typeAliases, type TypeAliases } from '../syntax/typeAliases';
import type { Severity } from '../types';
import { mayUse } from './referenceShape';
import { FindingSink, RuleMeta, newRange, oldRange, quote } from './rule';

type Kind = 'removed' | 'parameters' | 'types' | 'defaults' | 'return';

interface ApiBreak {
  readonly kind: Kind;
  readonly symbol: PublicSymbol;
  readonly now?: PublicSymbol;
  readonly detail: string;
}

/** Public API changes of the files read as trees; returns the paths it judged (the line rules skip them). */
export function treeApiChanges(change: Change, sink: FindingSink, meta: RuleMeta): ReadonlySet<string> {
  const pairs = surfacesOf(change);
  const defined = new Set<string>();
  for (const p of pairs.values()) for (const s of p.head.symbols.values()) defined.add(s.name.split('.').pop()!);
  // Declarations left unread because only their values changed define names too: read them only when asked.
  let unread = [...pairs.values()].some((p) => p.fullHead);
  const definedNow = (name: string): boolean => {
    if (!defined.has(name) && unread) {
      unread = false;
      for (const p of pairs.values())
        for (const s of p.fullHead?.()?.symbols.values() ?? []) defined.add(s.name.split('.').pop()!);
    }
    return defined.has(name);
  };
  // A declaration the tree no longer shows may still be written out where the tree does not read items: inside a
  // macro (`macro_rules!` bodies, maybe in another changed file the macro comes from), a string of generated code. Its
  // text still there means it was moved, not removed. Not in TS/JS: a header there does not carry `export`, so a
  // function made private would look unchanged.
  let written: string | undefined;
  const aliases = new Map<Grammar, TypeAliases>();
  const writtenNow = (): string =>
    (written ??= change.files.map((f) => compact(change.context.headText?.get(f.path))).join('\u0000'));
  for (const pair of pairs.values()) {
    const js = pair.grammar === 'javascript' || pair.grammar === 'typescript' || pair.grammar === 'tsx';
    const headText = js ? '\u0000' : writtenNow();
    let known = aliases.get(pair.grammar);
    if (!known) aliases.set(pair.grammar, (known = typeAliases(pair.grammar, change.context.headText)));
    const alias = known;
    const expand: Expand = (name) => alias.resolve(pair.file.path, name);
    for (const b of breaksOf(pair, definedNow, expand)) {
      if (b.kind === 'removed' && !b.now && headText.includes(compact(b.symbol.signature.replace(/\.\.\.$/, ''))))
        continue;
      const sev = severityOf(change, pair, b);
      const sym = b.now ?? b.symbol;
      const range = b.now ? newRange(sym.start) : oldRange(b.symbol.start);
      const sigs =
        b.now && b.now.signature !== b.symbol.signature
          ? ` (${quote(b.symbol.signature, 80)} -> ${quote(b.now.signature, 80)})`
          : ` (${quote(b.symbol.signature, 80)})`;
      sink.add(
        meta,
        pair.file,
        range,
        sev.severity,
        `${b.symbol.kind} ${quote(b.symbol.name, 50)}: ${b.detail}${sigs}${sev.why}`,
      );
    }
  }
  return new Set(pairs.keys());
}

function severityOf(change: Change, pair: SurfacePair, b: ApiBreak): { severity: Severity; why: string } {
  if (entryPoint(pair.file.path)) return { severity: 'high', why: '; the library entry point' };
  const short = b.symbol.name.split('.').pop()!;
  const users = (change.context.references?.get(short) ?? []).filter(
    (r) =>
      r.path !== pair.file.path &&
      classifyPath(r.path).source &&
      !/^\s*(?:\/\/|#|\*)/.test(r.text) &&
      mayUse(pair.grammar, b.symbol, r.text),
  );
  if (users.length > 0) return { severity: 'high', why: `; still used in ${users[0].path}` };
  return { severity: 'medium', why: '' };
}

/** The type an alias name written in this file stands for (syntax/typeAliases.ts), when the change shows it. */
type Expand = (name: string) => string | undefined;

function breaksOf(pair: SurfacePair, definedNow: (name: string) => boolean, expand: Expand): ApiBreak[] {
  const { base, head } = pair;
  const out: ApiBreak[] = [];
  const removedTypes = new Set<string>();
  const byName = (m: ReadonlyMap<string, PublicSymbol>): Map<string, PublicSymbol[]> => {
    const g = new Map<string, PublicSymbol[]>();
    for (const s of m.values()) g.set(s.name, [...(g.get(s.name) ?? []), s]);
    return g;
  };
  const before = byName(base.symbols);
  const after = byName(head.symbols);
  for (const [name, olds] of before) {
    const news = after.get(name);
    const parent = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : undefined;
    if (!news) {
      // A member of a type no longer here: the type's own removal says it, or the type moved with its members.
      if (parent && (removedTypes.has(parent) || (before.has(parent) && !after.has(parent)))) continue;
      if (olds[0].kind === 'class' || olds[0].kind === 'type') removedTypes.add(name);
      const renamed = renameOf(olds[0], head.symbols, base.symbols);
      if (renamed)
        out.push({ kind: 'removed', symbol: olds[0], now: renamed, detail: `renamed to ${quote(renamed.name, 50)}` });
      else if (name.includes('.') || !definedNow(name.split('.').pop()!))
        out.push({ kind: 'removed', symbol: olds[0], detail: 'removed' });
      continue;
    }
    if (olds.length !== 1 || news.length !== 1) {
      // Overloads: an old signature that no new one still accepts calls of.
      const accepts = (o: PublicSymbol, n: PublicSymbol): boolean =>
        !o.params ||
        (n.params !== undefined &&
          paramBreaks(pair.grammar, o.params, n.params, expand).length === 0 &&
          !returnBreak(pair.grammar, o.returns ?? '', n.returns ?? '', expand));
      const gone = olds.find((o) => !news.some((n) => accepts(o, n)));
      if (gone)
        out.push({
          kind: 'parameters',
          symbol: gone,
          now: closest(gone, news),
          detail: 'an overload was changed or removed',
        });
      continue;
    }
    const [o, n] = [olds[0], news[0]];
    if (!o.params || !n.params) continue;
    for (const d of paramBreaks(pair.grammar, o.params, n.params, expand)) out.push({ ...d, symbol: o, now: n });
    const r = returnBreak(pair.grammar, o.returns ?? '', n.returns ?? '', expand);
    if (r) out.push({ kind: 'return', symbol: o, now: n, detail: r });
  }
  return out;
}

/** The new overload to quote beside a gone one: the one sharing most parameter names with it. */
function closest(gone: PublicSymbol, news: readonly PublicSymbol[]): PublicSymbol {
  const names = new Set((gone.params ?? []).map((p) => p.name));
  const shared = (n: PublicSymbol): number => (n.params ?? []).filter((p) => names.has(p.name)).length;
  return news.reduce((best, n) => (shared(n) > shared(best) ? n : best), news[0]);
}

function shape(s: PublicSymbol): string {
  return `${(s.params ?? []).map((p) => `${p.type}${p.optional ? '?' : ''}`).join(',')}->${s.returns ?? ''}`;
}

/** A new public symbol of the same kind and shape as the removed one, not there before. */
function renameOf(
  old: PublicSymbol,
  head: ReadonlyMap<string, PublicSymbol>,
  base: ReadonlyMap<string, PublicSymbol>,
): PublicSymbol | undefined {
  const scope = old.name.includes('.') ? old.name.slice(0, old.name.lastIndexOf('.') + 1) : '';
  for (const s of head.values()) {
    if (base.has(s.key) || s.kind !== old.kind || !s.name.startsWith(scope)) continue;
    if (s.name.slice(scope.length).includes('.')) continue;
    if (!old.params || shape(s) === shape(old)) return s;
  }
  return undefined;
}

/** Typing spellings that mean the same (Python): compare the names a type mentions, not how it is written. */
function sameType(grammar: Grammar, a: string, b: string): boolean {
  if (a === b) return true;
  if (grammar !== 'python') return a.replace(/;$/, '') === b.replace(/;$/, '');
  return canonical(a) === canonical(b);
}

function canonical(t: string): string {
  return (t.replace(/typing\.|["']/g, '').match(/[A-Za-z_]\w*/g) ?? [])
    .filter((w) => w !== 'Union')
    .map((w) => (w === 'Optional' ? 'None' : /^(?:List|Dict|Tuple|Set|FrozenSet|Type)$/.test(w) ? w.toLowerCase() : w))
    .sort()
    .join(',');
}

/** Added annotations and inferred types are not breaks where writing none is allowed. */
function typed(grammar: Grammar): boolean {
  return grammar === 'rust' || grammar === 'go' || grammar === 'java';
}

/**
 * The members of a union type (`A | B`, Python's `Union[A, B]` and `Optional[A]`), each in its canonical spelling:
 * a parameter that accepts more members, or a return that gives fewer, breaks no caller.
 */
function members(grammar: Grammar, t: string, expand?: Expand): Set<string> {
  const out = new Set<string>();
  let depth = 0;
  const visit = (x: string): void => {
    const m = grammar === 'python' ? /^(?:typing\.)?(Optional|Union)\[(.*)\]$/.exec(x) : null;
    if (m) {
      for (const part of splitTop(m[2], ',')) visit(part);
      if (m[1] === 'Optional') out.add('None');
      return;
    }
    const parts = splitTop(x, '|');
    if (parts.length > 1) for (const part of parts) visit(part);
    else {
      // An alias stands for its members (a chain of at most three, so a cycle ends).
      const alias = expand && depth < 3 && /^[A-Za-z_$][\w$]*$/.test(x) ? expand(x) : undefined;
      if (alias === undefined) out.add(grammar === 'python' ? canonical(x) : x);
      else {
        depth++;
        visit(alias);
        depth--;
      }
    }
  };
  visit(t);
  return out;
}

function splitTop(t: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of t) {
    if ('([{<'.includes(ch)) depth++;
    else if (')]}>'.includes(ch)) depth--;
    if (ch === sep && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((p) => p.trim()).filter((p) => p !== '');
}

function subset(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function returnBreak(grammar: Grammar, a: string, b: string, expand?: Expand): string | undefined {
  if (!typed(grammar) && (a === '' || b === '')) return undefined;
  if (sameType(grammar, a, b) || subset(members(grammar, b, expand), members(grammar, a, expand))) return undefined;
  return `return type changed from ${quote(a || '()', 40)} to ${quote(b || '()', 40)}`;
}

type ParamBreak = Omit<ApiBreak, 'symbol' | 'now'>;

/** What a new parameter list breaks for callers of the old one. */
function paramBreaks(grammar: Grammar, olds: readonly Param[], news: readonly Param[], expand?: Expand): ParamBreak[] {
  const out: ParamBreak[] = [];
  const byName = grammar === 'python' || olds.every((p) => p.name !== '' && news.some((n) => n.name === p.name));
  if (!byName) return positional(grammar, olds, news, expand);
  const newNames = news.map((p) => p.name);
  const oldNames = olds.map((p) => p.name);
  const removed = olds.filter((p) => !newNames.includes(p.name) && !p.variadic);
  if (removed.length > 0)
    out.push({
      kind: 'parameters',
      detail: `parameter${removed.length > 1 ? 's' : ''} ${removed.map((p) => quote(p.name, 30)).join(', ')} removed`,
    });
  // Inserted: a new parameter callers reach by position, with an old positional one after it.
  const lastOld = Math.max(
    -1,
    ...olds.filter((p) => !p.keywordOnly && !p.variadic).map((p) => newNames.indexOf(p.name)),
  );
  const inserted = news.filter((p, i) => !oldNames.includes(p.name) && !p.keywordOnly && !p.variadic && i < lastOld);
  if (inserted.length > 0)
    out.push({ kind: 'parameters', detail: `parameter ${quote(inserted[0].name, 30)} inserted before existing ones` });
  const tail = news.filter((p, i) => !oldNames.includes(p.name) && i >= lastOld && !p.optional && !p.variadic);
  if (tail.length > 0 && inserted.length === 0)
    out.push({ kind: 'parameters', detail: `new required parameter ${quote(tail[0].name, 30)}` });
  const common = olds.filter((p) => newNames.includes(p.name));
  const order = (list: readonly Param[]): string =>
    list
      .filter((p) => common.some((c) => c.name === p.name) && !p.keywordOnly)
      .map((p) => p.name)
      .join(',');
  if (inserted.length === 0 && removed.length === 0 && order(olds) !== order(news))
    out.push({ kind: 'parameters', detail: 'parameters reordered' });
  for (const o of common) {
    const n = news.find((p) => p.name === o.name)!;
    if (n.keywordOnly && !o.keywordOnly && grammar === 'python')
      out.push({ kind: 'parameters', detail: `${quote(o.name, 30)} is now keyword-only` });
    if (o.optional && !n.optional && !n.variadic)
      out.push({ kind: 'parameters', detail: `${quote(o.name, 30)} lost its default and is now required` });
    else if (o.default !== undefined && n.default !== undefined && o.default !== n.default)
      out.push({
        kind: 'defaults',
        detail: `default of ${quote(o.name, 30)} changed from ${quote(o.default, 30)} to ${quote(n.default, 30)}`,
      });
    if (
      o.type &&
      n.type &&
      !sameType(grammar, o.type, n.type) &&
      !subset(members(grammar, o.type, expand), members(grammar, n.type, expand))
    )
      out.push({
        kind: 'types',
        detail: `type of ${quote(o.name, 30)} changed from ${quote(o.type, 40)} to ${quote(n.type, 40)}`,
      });
    else if (typed(grammar) && o.type !== n.type)
      out.push({
        kind: 'types',
        detail: `type of ${quote(o.name, 30)} changed from ${quote(o.type, 40)} to ${quote(n.type, 40)}`,
      });
  }
  return out;
}

/** Names changed too (or are unnamed): callers pass by position, so compare position by position. */
function positional(grammar: Grammar, olds: readonly Param[], news: readonly Param[], expand?: Expand): ParamBreak[] {
  if (news.length < olds.length) {
    const lost = olds.length - news.length;
    return [{ kind: 'parameters', detail: `${lost} parameter${lost > 1 ? 's' : ''} removed` }];
  }
  for (let i = 0; i < olds.length; i++) {
    const [o, n] = [olds[i], news[i]];
    if (
      o.type &&
      n.type &&
      !sameType(grammar, o.type, n.type) &&
      !subset(members(grammar, o.type, expand), members(grammar, n.type, expand))
    ) {
      // A parameter put in front shifts the old ones: say so rather than "type changed".
      const shifted = news.slice(i + 1).some((x) => sameType(grammar, x.type, o.type));
      return [
        shifted && news.length > olds.length
          ? { kind: 'parameters', detail: `parameter ${quote(n.name || n.type, 30)} inserted before existing ones` }
          : {
              kind: 'types',
              detail: `type of parameter ${i + 1} changed from ${quote(o.type, 40)} to ${quote(n.type, 40)}`,
            },
      ];
    }
    if (o.optional && !n.optional) return [{ kind: 'parameters', detail: `parameter ${i + 1} is now required` }];
  }
  const extra = news.slice(olds.length).find((p) => !p.optional && !p.variadic);
  return extra ? [{ kind: 'parameters', detail: `new required parameter ${quote(extra.name || extra.type, 30)}` }] : [];
}
