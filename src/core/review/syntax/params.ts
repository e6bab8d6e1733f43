/**
 * Parameters and return types of a function node, per grammar, as syntax/signatures.ts records them on public
 * symbols: names, written types and defaults (whitespace removed), optional, variadic and keyword-only parameters;
 * and a declaration's header on one line, as a finding quotes it.
 */
import type { Grammar, SyntaxNode } from './tree';

/** A node's named children, skipping the nulls the binding may hand out. */
export function* named(n: SyntaxNode): Generator<SyntaxNode> {
  for (const c of n.namedChildren) if (c) yield c;
}

/** Text with whitespace removed and trailing commas dropped: how signatures compare. */
export function compact(t: string | undefined): string {
  return (t ?? '').replace(/\s+/g, '').replace(/,(?=[)\]>}])/g, '');
}

export interface Param {
  readonly name: string;
  /** As written, whitespace removed; '' when untyped. */
  readonly type: string;
  /** As written, whitespace removed; absent when there is none. */
  readonly default?: string;
  /** Callers may leave it out (a default, `?`). */
  readonly optional: boolean;
  /** `...rest`, `*args`, `**kwargs`, Go's `...T`, Java's `T...`. */
  readonly variadic: boolean;
  /** Python: passed by keyword only (after `*` or `*args`). */
  readonly keywordOnly: boolean;
}

export function paramsOf(grammar: Grammar, fn: SyntaxNode): Param[] {
  const list = fn.childForFieldName('parameters');
  if (!list) return [];
  const out: Param[] = [];
  let keywordOnly = false;
  for (const p of named(list)) {
    if (p.type === 'comment' || p.type === 'line_comment' || p.type === 'block_comment') continue;
    const param = paramOf(grammar, p, keywordOnly);
    if (p.type === 'keyword_separator' || p.type === 'list_splat_pattern') keywordOnly = true;
    if (p.type === 'typed_parameter' && p.namedChildren[0]?.type === 'list_splat_pattern') keywordOnly = true;
    if (param) out.push(...(Array.isArray(param) ? param : [param]));
  }
  // Methods: the receiver is not a parameter callers pass.
  if (grammar === 'python' && out.length > 0 && /^(?:self|cls)$/.test(out[0].name) && !staticMethod(fn)) out.shift();
  return out;
}

function staticMethod(fn: SyntaxNode): boolean {
  const p = fn.parent;
  return p?.type === 'decorated_definition' && /@staticmethod\b/.test(p.text.slice(0, fn.startIndex - p.startIndex));
}

function param(name: string, type: string, def: string | undefined, extra: Partial<Param> = {}): Param {
  return {
    name,
    type: compact(type),
    ...(def !== undefined ? { default: compact(def) } : {}),
    optional: def !== undefined,
    variadic: false,
    keywordOnly: false,
    ...extra,
  };
}

function paramOf(grammar: Grammar, p: SyntaxNode, keywordOnly: boolean): Param | Param[] | undefined {
  const type = (f = 'type'): string => (p.childForFieldName(f)?.text ?? '').replace(/^:\s*/, '');
  switch (grammar) {
    case 'python': {
      const kw = { keywordOnly };
      switch (p.type) {
        case 'identifier':
          return param(p.text, '', undefined, kw);
        case 'typed_parameter': {
          const inner = p.namedChildren[0];
          const variadic = inner?.type === 'list_splat_pattern' || inner?.type === 'dictionary_splat_pattern';
          return param(inner?.text ?? p.text, type(), undefined, { ...kw, variadic, optional: variadic });
        }
        case 'default_parameter':
        case 'typed_default_parameter':
          return param(p.childForFieldName('name')?.text ?? '', type(), p.childForFieldName('value')?.text ?? '', kw);
        case 'list_splat_pattern':
        case 'dictionary_splat_pattern':
          return param(p.text, '', undefined, { variadic: true, optional: true, keywordOnly: true });
        default:
          return undefined; // `*`, `/`
      }
    }
    case 'rust':
      if (p.type === 'self_parameter') return undefined;
      if (p.type === 'variadic_parameter') return param('...', '', undefined, { variadic: true, optional: true });
      return param(p.childForFieldName('pattern')?.text ?? p.text, type(), undefined);
    case 'go': {
      const variadic = p.type === 'variadic_parameter_declaration';
      if (p.type !== 'parameter_declaration' && !variadic) return undefined;
      const names = [...named(p)].filter((c) => c.type === 'identifier').map((c) => c.text);
      const t = (variadic ? '...' : '') + type();
      const extra = { variadic, optional: variadic };
      return names.length === 0 ? param('', t, undefined, extra) : names.map((n) => param(n, t, undefined, extra));
    }
    case 'java':
      if (p.type === 'spread_parameter') {
        const t = [...named(p)].find((c) => c.type !== 'modifiers' && c.type !== 'variable_declarator');
        const d = [...named(p)].find((c) => c.type === 'variable_declarator');
        return param(d?.childForFieldName('name')?.text ?? '', `${t?.text ?? ''}...`, undefined, {
          variadic: true,
          optional: true,
        });
      }
      if (p.type !== 'formal_parameter') return undefined;
      return param(p.childForFieldName('name')?.text ?? '', type(), undefined);
    default:
      return jsParam(p);
  }
}

function jsParam(p: SyntaxNode): Param | undefined {
  switch (p.type) {
    case 'required_parameter':
    case 'optional_parameter': {
      const pattern = p.childForFieldName('pattern');
      const value = p.childForFieldName('value')?.text;
      const rest = pattern?.type === 'rest_pattern';
      const name = (pattern?.text ?? p.text).replace(/^\.\.\./, '');
      const type = (p.childForFieldName('type')?.text ?? '').replace(/^:\s*/, '');
      return param(name, type, value, {
        optional: p.type === 'optional_parameter' || value !== undefined || rest,
        variadic: rest,
      });
    }
    case 'identifier':
      return param(p.text, '', undefined);
    case 'assignment_pattern':
      return param(p.childForFieldName('left')?.text ?? p.text, '', p.childForFieldName('right')?.text ?? '');
    case 'rest_pattern':
      return param(p.text.replace(/^\.\.\./, ''), '', undefined, { variadic: true, optional: true });
    case 'object_pattern':
    case 'array_pattern':
      return param(p.text, '', undefined);
    default:
      return undefined;
  }
}

export function returnsOf(grammar: Grammar, fn: SyntaxNode): string {
  const field = grammar === 'go' ? 'result' : grammar === 'java' ? 'type' : 'return_type';
  return compact((fn.childForFieldName(field)?.text ?? '').replace(/^:\s*/, ''));
}

const MAX_SIGNATURE = 110;

/** The declaration up to its body, on one line. */
export function headerOf(decl: SyntaxNode): string {
  const body = decl.childForFieldName('body');
  const text = body ? decl.text.slice(0, Math.max(0, body.startIndex - decl.startIndex)) : decl.text;
  const one = text
    .replace(/\s+/g, ' ')
    .replace(/[\s{:]+$/, '')
    .trim();
  return one.length > MAX_SIGNATURE ? one.slice(0, MAX_SIGNATURE - 3) + '...' : one;
}

/** Text on one line, cut to the length a finding shows. */
export function oneLine(t: string): string {
  const s = t.replace(/\s+/g, ' ').trim();
  return s.length > MAX_SIGNATURE ? s.slice(0, MAX_SIGNATURE - 3) + '...' : s;
}
