/**
 * The public names of one file, per language, read from its top-level syntax nodes into a `SymbolSink`
 * (signatures.ts builds the file surface from them). What "public" means per language is said in signatures.ts.
 */
import { headerOf, named, oneLine } from './params';
import type { SymbolSink } from './signatures';
import type { SyntaxNode } from './tree';

// ---- TypeScript / JavaScript ----------------------------------------------------------------------------------

const JS_DECLS = new Set([
  'function_declaration',
  'generator_function_declaration',
  'function_signature',
  'class_declaration',
  'abstract_class_declaration',
  'lexical_declaration',
  'variable_declaration',
  'type_alias_declaration',
  'interface_declaration',
  'enum_declaration',
]);

/** `whole`: every top-level node is in `items`; else none says `export { ... }` (locals are not needed). */
export function jsSurface(out: SymbolSink, items: readonly SyntaxNode[], whole: boolean): void {
  const locals = new Map<string, SyntaxNode>();
  const exported: [string, string][] = []; // [exported name, local name]
  for (const c of whole ? items : []) {
    const decl = c.type === 'export_statement' ? c.childForFieldName('declaration') : c;
    if (decl && JS_DECLS.has(decl.type)) for (const [n, d] of declNames(decl)) locals.set(n, d);
    if (c.type === 'expression_statement') commonJsExports(c, exported);
  }
  for (const c of items) {
    if (c.type !== 'export_statement') continue;
    const isDefault = /^export\s+default\b/.test(c.text);
    const decl = c.childForFieldName('declaration');
    if (decl) {
      for (const [n, d] of declNames(decl)) jsDecl(out, isDefault ? 'default' : n, d);
      continue;
    }
    const value = c.childForFieldName('value');
    if (isDefault) {
      if (value?.type === 'identifier' && locals.has(value.text)) jsDecl(out, 'default', locals.get(value.text)!);
      else if (value && /function|class/.test(value.type)) jsDecl(out, 'default', value);
      else out.add('export', 'default', c, undefined, oneLine(c.text));
      continue;
    }
    const source = c.childForFieldName('source');
    const clause = [...named(c)].find((k) => k.type === 'export_clause');
    if (!clause) {
      out.add('export', `* from ${source?.text ?? ''}`, c, undefined, oneLine(c.text));
      continue;
    }
    for (const spec of named(clause)) {
      if (spec.type !== 'export_specifier') continue;
      const local = spec.childForFieldName('name')?.text ?? '';
      const as = spec.childForFieldName('alias')?.text ?? local;
      if (!source && locals.has(local)) jsDecl(out, as, locals.get(local)!);
      else
        out.add(
          'export',
          as,
          spec,
          undefined,
          `export { ${oneLine(spec.text)} }${source ? ` from ${source.text}` : ''}`,
        );
    }
  }
  for (const [as, local] of exported) {
    const d = locals.get(local);
    if (d) jsDecl(out, as, d);
  }
}

/** `module.exports = { a, b: c }`, `module.exports = Name`, `module.exports.x = y`, `exports.x = y`. */
function commonJsExports(stmt: SyntaxNode, out: [string, string][]): void {
  const a = stmt.namedChildren[0];
  if (a?.type !== 'assignment_expression') return;
  const left = a.childForFieldName('left')?.text.replace(/\s+/g, '') ?? '';
  const right = a.childForFieldName('right');
  if (!right) return;
  if (left === 'module.exports') {
    if (right.type === 'identifier') out.push([right.text, right.text]);
    else if (right.type === 'object')
      for (const p of named(right)) {
        if (p.type === 'shorthand_property_identifier') out.push([p.text, p.text]);
        else if (p.type === 'pair' && p.childForFieldName('value')?.type === 'identifier')
          out.push([p.childForFieldName('key')?.text ?? '', p.childForFieldName('value')!.text]);
      }
    return;
  }
  const m = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(left);
  if (m && right.type === 'identifier') out.push([m[1], right.text]);
}

function declNames(decl: SyntaxNode): [string, SyntaxNode][] {
  if (decl.type === 'lexical_declaration' || decl.type === 'variable_declaration')
    return [...named(decl)]
      .filter((d) => d.type === 'variable_declarator' && d.childForFieldName('name')?.type === 'identifier')
      .map((d) => [d.childForFieldName('name')!.text, d]);
  const name = decl.childForFieldName('name')?.text;
  return name ? [[name, decl]] : [];
}

function jsDecl(out: SymbolSink, name: string, d: SyntaxNode): void {
  switch (d.type) {
    case 'function_declaration':
    case 'generator_function_declaration':
    case 'function_signature':
    case 'function_expression':
    case 'function':
      out.add('function', name, d, d);
      return;
    case 'variable_declarator': {
      const v = d.childForFieldName('value');
      if (v && /^(?:arrow_function|function_expression|function)$/.test(v.type))
        out.add('function', name, d, v, `${name} = ${headerOf(v)}`);
      else if (v && /^class/.test(v.type)) jsClass(out, name, v);
      else out.add('constant', name, d, undefined, oneLine(`const ${d.text.split('=')[0]}`));
      return;
    }
    case 'class_declaration':
    case 'abstract_class_declaration':
    case 'class':
      jsClass(out, name, d);
      return;
    default:
      out.add('type', name, d, undefined, headerOf(d));
  }
}

function jsClass(out: SymbolSink, name: string, cls: SyntaxNode): void {
  out.add('class', name, cls, undefined, headerOf(cls));
  const body = cls.childForFieldName('body');
  if (!body) return;
  for (const m of named(body)) {
    if (m.type !== 'method_definition' && m.type !== 'method_signature' && m.type !== 'abstract_method_signature')
      continue;
    const n = m.childForFieldName('name');
    if (!n || n.type === 'computed_property_name' || n.type === 'private_property_identifier') continue;
    if (/^[_#]/.test(n.text)) continue;
    if (/^(?:private|protected)$/.test([...named(m)].find((k) => k.type === 'accessibility_modifier')?.text ?? ''))
      continue;
    const kind = /^\s*(?:static\s+)?(?:async\s+)?(get|set)\s/.exec(m.text)?.[1];
    out.add('method', `${name}.${kind ? `${kind} ` : ''}${n.text}`, m, m);
  }
}

// ---- Python -----------------------------------------------------------------------------------------------------

export function pythonSurface(out: SymbolSink, root: SyntaxNode, items: readonly SyntaxNode[]): void {
  const all = dunderAll(items);
  const isPublic = (n: string): boolean => (all ? all.has(n) : !n.startsWith('_'));
  const seen = new Set<string>();
  for (const c of items) {
    const def = c.type === 'decorated_definition' ? c.childForFieldName('definition') : c;
    if (!def) continue;
    const name = def.childForFieldName('name')?.text;
    if (def.type === 'function_definition' && name && isPublic(name)) {
      out.add('function', name, c, def);
      seen.add(name);
    } else if (def.type === 'class_definition' && name && isPublic(name)) {
      seen.add(name);
      out.add('class', name, c, undefined, headerOf(def));
      const body = def.childForFieldName('body');
      for (const m of body ? named(body) : []) {
        const f = m.type === 'decorated_definition' ? m.childForFieldName('definition') : m;
        const n = f?.type === 'function_definition' ? f.childForFieldName('name')?.text : undefined;
        if (!f || !n || (n.startsWith('_') && n !== '__init__')) continue;
        out.add('method', `${name}.${n}`, m, f);
      }
    } else if (c.type === 'expression_statement') {
      const a = c.namedChildren[0];
      const left = a?.type === 'assignment' ? a.childForFieldName('left') : null;
      if (left?.type !== 'identifier' || left.text === '__all__') continue;
      // Without `__all__`, only CONSTANT_CASE assignments are API: `logger = ...` is not.
      if (all ? all.has(left.text) : /^[A-Z][A-Z0-9_]*$/.test(left.text)) {
        out.add('constant', left.text, c, undefined, oneLine(c.text.split('=')[0]));
        seen.add(left.text);
      }
    }
  }
  // Names `__all__` lists that the module imports rather than defines: re-exports.
  if (all) for (const n of all) if (!seen.has(n)) out.add('export', n, root, undefined, `__all__: "${n}"`);
}

function dunderAll(items: readonly SyntaxNode[]): Set<string> | undefined {
  let all: Set<string> | undefined;
  for (const c of items) {
    const a = c.type === 'expression_statement' ? c.namedChildren[0] : null;
    if (!a || (a.type !== 'assignment' && a.type !== 'augmented_assignment')) continue;
    if (a.childForFieldName('left')?.text !== '__all__') continue;
    const right = a.childForFieldName('right');
    if (!right || (right.type !== 'list' && right.type !== 'tuple')) continue;
    all ??= new Set();
    for (const s of named(right))
      if (s.type === 'string') all.add(s.text.replace(/^[rbuf]*['"]{1,3}|['"]{1,3}$/gi, ''));
  }
  return all;
}

// ---- Rust -------------------------------------------------------------------------------------------------------

function rustPub(item: SyntaxNode): boolean {
  const v = [...named(item)].find((c) => c.type === 'visibility_modifier');
  return v !== undefined && v.text === 'pub';
}

export function rustItems(out: SymbolSink, items: Iterable<SyntaxNode>, prefix: string): void {
  for (const c of items) {
    const name = c.childForFieldName('name')?.text;
    switch (c.type) {
      case 'function_item':
      case 'function_signature_item':
        if (name && rustPub(c)) out.add('function', prefix + name, c, c);
        break;
      case 'struct_item':
      case 'enum_item':
      case 'union_item':
      case 'type_item':
      case 'trait_item':
        if (name && rustPub(c)) out.add('type', prefix + name, c, undefined, headerOf(c));
        break;
      case 'const_item':
      case 'static_item':
        if (name && rustPub(c)) out.add('constant', prefix + name, c, undefined, oneLine(c.text.split('=')[0]));
        break;
      case 'use_declaration':
        // One export per name the `use` brings in: `pub use m::{B}` -> `pub use m::{A, B}` adds A beside B, renames
        // nothing; a path that changes under the same name (`pub use a::B` -> `pub use b::B`) keeps the name.
        if (rustPub(c))
          for (const n of rustUseNames(c.text.replace(/^\s*pub\s+use\s+|\s*;\s*$/g, '')))
            out.add('export', prefix + n, c, undefined, oneLine(c.text));
        break;
      case 'mod_item': {
        const body = c.childForFieldName('body');
        if (body && name && rustPub(c) && !/#\[cfg\((?:test|all\(test\b)/.test(attrs(c)))
          rustItems(out, named(body), `${prefix}${name}::`);
        break;
      }
      case 'impl_item': {
        // Trait impls are the trait's surface, not this type's: their methods carry no `pub`.
        if (c.childForFieldName('trait')) break;
        const type = (c.childForFieldName('type')?.text ?? '').replace(/<.*$/s, '');
        const body = c.childForFieldName('body');
        for (const f of body ? named(body) : [])
          if (f.type === 'function_item' && rustPub(f)) {
            const n = f.childForFieldName('name')?.text;
            if (n) out.add('method', `${prefix}${type}.${n}`, f, f);
          }
        break;
      }
    }
  }
}

/**
 * The names a use tree binds (`a::{B, c::D as E, self}` -> B, E, a; `a::*` stays `a::*`, whose names the tree does
 * not show).
 */
function rustUseNames(tree: string): string[] {
  // `as` is the one word a use tree holds: mark it (`D@E`), then drop comments and every space.
  const names = (t: string): string[] => {
    const brace = t.indexOf('{');
    if (brace >= 0 && t.endsWith('}')) {
      const prefix = t.slice(0, brace).replace(/::$/, '');
      return splitTopLevel(t.slice(brace + 1, -1)).flatMap((p) =>
        p === 'self' ? [prefix.split('::').pop()!] : names(p),
      );
    }
    if (t.includes('@')) return [t.slice(t.lastIndexOf('@') + 1)];
    return t === '' ? [] : [t.endsWith('*') ? t : t.split('::').pop()!];
  };
  return names(
    tree
      .replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+as\s+/g, '@')
      .replace(/\s+/g, ''),
  );
}

function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.filter((p) => p !== '');
}

function attrs(node: SyntaxNode): string {
  let s = '';
  for (let p = node.previousNamedSibling; p && p.type === 'attribute_item'; p = p.previousNamedSibling) s += p.text;
  return s;
}

// ---- Go ---------------------------------------------------------------------------------------------------------

const EXPORTED = /^[A-Z]/;

export function goSurface(out: SymbolSink, items: readonly SyntaxNode[]): void {
  for (const c of items) {
    const name = c.childForFieldName('name')?.text;
    if (c.type === 'function_declaration' && name && EXPORTED.test(name)) out.add('function', name, c, c);
    else if (c.type === 'method_declaration' && name && EXPORTED.test(name)) {
      const recv = c.childForFieldName('receiver');
      const t = /([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?\s*\)?\s*$/.exec(recv?.text.replace(/\)$/, '') ?? '')?.[1] ?? '';
      if (EXPORTED.test(t)) out.add('method', `${t}.${name}`, c, c);
    } else if (c.type === 'type_declaration') {
      for (const s of named(c)) {
        const n = s.childForFieldName('name')?.text;
        if (n && EXPORTED.test(n)) out.add('type', n, s, undefined, oneLine(`type ${n}`));
      }
    } else if (c.type === 'const_declaration' || c.type === 'var_declaration') {
      for (const s of named(c))
        for (const id of named(s))
          if (id.type === 'identifier' && EXPORTED.test(id.text))
            out.add('constant', id.text, s, undefined, oneLine(`${c.type.slice(0, -12)} ${id.text}`));
    }
  }
}

// ---- Java -------------------------------------------------------------------------------------------------------

const JAVA_TYPES = new Set([
  'class_declaration',
  'interface_declaration',
  'enum_declaration',
  'record_declaration',
  'annotation_type_declaration',
]);

function modifiers(n: SyntaxNode): string {
  return [...named(n)].find((c) => c.type === 'modifiers')?.text ?? '';
}

export function javaType(out: SymbolSink, t: SyntaxNode, prefix: string, outerPublic: boolean): void {
  if (!JAVA_TYPES.has(t.type)) return;
  const name = t.childForFieldName('name')?.text;
  const inInterface = t.parent?.parent?.type === 'interface_declaration';
  if (!name || !outerPublic || !(/\bpublic\b/.test(modifiers(t)) || inInterface)) return;
  const full = prefix + name;
  out.add('type', full, t, undefined, headerOf(t));
  const body = t.childForFieldName('body');
  const iface = t.type === 'interface_declaration';
  for (const m of body ? named(body) : []) {
    if (JAVA_TYPES.has(m.type)) {
      javaType(out, m, `${full}.`, true);
      continue;
    }
    const mods = modifiers(m);
    const visible = /\bpublic\b/.test(mods) || (iface && !/\bprivate\b/.test(mods));
    if (!visible) continue;
    if (m.type === 'method_declaration') out.add('method', `${full}.${m.childForFieldName('name')?.text ?? ''}`, m, m);
    else if (m.type === 'constructor_declaration') out.add('method', `${full}.<init>`, m, m);
    else if (m.type === 'field_declaration' || m.type === 'constant_declaration')
      for (const d of named(m))
        if (d.type === 'variable_declarator')
          out.add(
            'constant',
            `${full}.${d.childForFieldName('name')?.text ?? ''}`,
            m,
            undefined,
            oneLine(m.text.split('=')[0]),
          );
  }
}
